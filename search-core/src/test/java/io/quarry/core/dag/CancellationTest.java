package io.quarry.core.dag;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class CancellationTest {

  @Test
  void should_count_as_cancelled_once_its_deadline_has_passed() {
    Cancellation past = Cancellation.until(System.nanoTime() - 1);
    assertTrue(past.isCancelled());
    assertThrows(CancellationException.class, past::check);
  }

  @Test
  void should_not_count_as_cancelled_before_its_deadline_unless_cancelled() {
    Cancellation later = Cancellation.until(System.nanoTime() + 3_600_000_000_000L);
    assertFalse(later.isCancelled());
    assertDoesNotThrow(later::check);
    later.cancel();
    assertTrue(later.isCancelled());
  }

  @Test
  void should_never_set_the_shared_none_flag() {
    Cancellation.NONE.cancel();
    assertFalse(Cancellation.NONE.isCancelled());
  }
}
