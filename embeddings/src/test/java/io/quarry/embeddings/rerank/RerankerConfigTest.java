package io.quarry.embeddings.rerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RerankerConfigTest {

  private static final Path MODEL = Path.of("models", "ms-marco-MiniLM-L-6-v2");

  @Test
  void should_apply_every_default_when_only_a_model_is_given() {
    RerankerConfig c = RerankerConfig.of(MODEL);
    assertEquals(MODEL.toAbsolutePath().normalize(), c.model());
    assertEquals(RerankDevice.AUTO, c.device());
    assertEquals(RerankerConfig.DEFAULT_MAX_LENGTH, c.maxLength());
    assertEquals(RerankerConfig.DEFAULT_MAX_BATCH_SIZE, c.maxBatchSize());
    assertEquals(RerankerConfig.DEFAULT_MAX_BATCH_TOKENS, c.maxBatchTokens());
    assertEquals(RerankerConfig.defaultWorkers(), c.workers());
    assertEquals(RerankerConfig.DEFAULT_THREADS, c.threads());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
      "maxLength, 7, 'illegal maxLength: 7, must be in 8..8192'",
      "maxLength, 8193, 'illegal maxLength: 8193, must be in 8..8192'",
      "maxBatchSize, 0, 'illegal maxBatchSize: 0, must be in 1..1024'",
      "maxBatchTokens, 0, 'illegal maxBatchTokens: 0, must be in 1..1048576'",
      "workers, 0, 'illegal workers: 0, must be in 1..256'",
      "threads, -1, 'illegal threads: -1, must be in 1..256'",
  })
  void should_name_the_field_when_a_value_is_out_of_range(String field, int value, String message) {
    RerankerConfig c = RerankerConfig.of(MODEL);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
      switch (field) {
        case "maxLength" -> c.withMaxLength(value);
        case "maxBatchSize" -> c.withBatch(value, c.maxBatchTokens());
        case "maxBatchTokens" -> c.withBatch(c.maxBatchSize(), value);
        case "workers" -> c.withThreads(value, 1);
        default -> c.withThreads(1, value);
      }
    });
    assertEquals(message, e.getMessage());
  }

  @Test
  void should_parse_devices_in_any_case_and_name_the_field_otherwise() {
    assertEquals(RerankDevice.GPU, RerankDevice.parse(" GPU "));
    assertEquals(RerankDevice.CPU, RerankDevice.parse("cpu"));
    assertEquals(RerankDevice.AUTO, RerankDevice.parse("auto"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RerankDevice.parse("cuda"));
    assertEquals("illegal device: cuda, must be one of auto, cpu, gpu", e.getMessage());
    assertThrows(NullPointerException.class, () -> RerankerConfig.of(MODEL).withDevice(null));
  }

  @Test
  void should_resolve_the_device_once_from_what_the_engine_sees() {
    assertEquals("cpu", Devices.describe(Devices.resolve(RerankDevice.AUTO, 0)));
    assertEquals("gpu(0)", Devices.describe(Devices.resolve(RerankDevice.AUTO, 1)));
    assertEquals("cpu", Devices.describe(Devices.resolve(RerankDevice.CPU, 2)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Devices.resolve(RerankDevice.GPU, 0));
    assertEquals(true, e.getMessage().startsWith("illegal device: gpu, but the PyTorch engine sees no GPU"));
  }
}
