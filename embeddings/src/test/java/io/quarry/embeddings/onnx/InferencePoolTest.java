package io.quarry.embeddings.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InferencePoolTest {

  @Test
  void should_run_a_query_before_queued_passage_batches_when_the_worker_is_busy() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (InferencePool pool = new InferencePool(1, "test")) {
      pool.submit(() -> {
        running.countDown();
        release.await(10, TimeUnit.SECONDS);
        return order.add("blocker");
      }, false);
      running.await(10, TimeUnit.SECONDS);
      for (int i = 0; i < 3; i++) {
        String name = "passage " + i;
        pool.submit(() -> order.add(name), false);
      }
      Future<Boolean> query = pool.submit(() -> order.add("query"), true);
      release.countDown();
      query.get(10, TimeUnit.SECONDS);
    }
    assertEquals(List.of("blocker", "query", "passage 0", "passage 1", "passage 2"), order);
  }

  @Test
  void should_reject_tasks_when_closed() {
    InferencePool pool = new InferencePool(1, "test");
    pool.close();
    assertThrows(RejectedExecutionException.class, () -> pool.submit(() -> 1, true));
  }
}
