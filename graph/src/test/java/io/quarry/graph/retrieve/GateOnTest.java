package io.quarry.graph.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.graph.model.LinkedEntity;
import io.quarry.graph.model.Mention;
import io.quarry.graph.retrieve.GraphSearchSettings.GateOn;
import org.junit.jupiter.api.Test;

/** {@code graph.gate}: which linked entities open auto's gate. */
class GateOnTest {

  private static final LinkedEntity TITLE = new LinkedEntity("clark university", "Clark University", Mention.TITLE, 3);
  private static final LinkedEntity PROPER = new LinkedEntity("worcester", "Worcester", Mention.PROPER, 2);
  private static final LinkedEntity NOUN = new LinkedEntity("research university", "research university", Mention.NOUN, 9);

  @Test
  void should_open_on_titles_by_default_names_or_anything_when_asked() {
    assertEquals(GateOn.TITLE, GraphSearchSettings.DEFAULT.gateOn());
    assertTrue(GateOn.TITLE.opens(TITLE));
    assertFalse(GateOn.TITLE.opens(PROPER));
    assertTrue(GateOn.NAMED.opens(PROPER));
    assertFalse(GateOn.NAMED.opens(NOUN));
    assertTrue(GateOn.ANY.opens(NOUN));
  }

  @Test
  void should_name_the_key_and_the_choices_for_a_bad_value() {
    assertEquals(GateOn.NAMED, GateOn.parse(" Named "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GateOn.parse("some"));
    assertEquals("illegal graph.gate: 'some', must be one of title, named, any", e.getMessage());
  }
}
