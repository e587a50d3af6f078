package io.quarry.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HitFieldsTest {

  @Test
  void should_give_back_every_field_as_encoded() {
    HitFields.Decoded d = HitFields.decode(HitFields.encode("doc:1", "Aspirin ünd Kinder", "2024-03-02",
        "notes", "https://example.org/a", "Aspirin is not given to children. \ud83d\ude00", 7));
    assertEquals(new HitFields.Decoded("doc:1", "Aspirin ünd Kinder", "2024-03-02", "notes",
        "https://example.org/a", "Aspirin is not given to children. \ud83d\ude00", 7), d);
  }

  @Test
  void should_keep_absent_fields_absent() {
    assertEquals(new HitFields.Decoded("d", "", null, null, null, "", 0),
        HitFields.decode(HitFields.encode("d", null, null, null, null, null, 0)));
    assertEquals(new HitFields.Decoded("d", "t", null, null, "u", "p", 3),
        HitFields.decode(HitFields.encode("d", "t", null, null, "u", "p", 3)));
  }
}
