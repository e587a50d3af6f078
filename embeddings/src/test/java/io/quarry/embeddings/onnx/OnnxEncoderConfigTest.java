package io.quarry.embeddings.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OnnxEncoderConfigTest {

  @Test
  void should_name_the_field_and_range_when_a_value_is_illegal() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OnnxEncoderConfig(0, 1, 1, 1));
    assertEquals("illegal workers: 0, must be in 1..256", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new OnnxEncoderConfig(1, 1, 2000, 1));
    assertEquals("illegal maxBatchSize: 2000, must be in 1..1024", e.getMessage());
  }

  @Test
  void should_use_every_core_when_defaulted() {
    OnnxEncoderConfig c = OnnxEncoderConfig.defaults();
    assertTrue(c.workers() * c.intraOpThreads() >= Runtime.getRuntime().availableProcessors());
  }

  @Test
  void should_reject_max_length_when_out_of_range() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OnnxModelSpec(
        "x", new ModelFiles.Classpath("a", "b"), Pooling.CLS, "", 1));
    assertEquals("illegal maxLength: 1, must be in 2..8192", e.getMessage());
  }

  @Test
  void should_parse_pooling_when_case_differs() {
    assertEquals(Pooling.MEAN, Pooling.parse("Mean"));
    assertThrows(IllegalArgumentException.class, () -> Pooling.parse("max"));
  }
}
