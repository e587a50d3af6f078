package io.quarry.bench.load;

import io.quarry.bench.backend.BackendQuery;
import io.quarry.bench.backend.BenchMode;
import io.quarry.bench.data.BenchQuery;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load: request {@code i} is due at {@code start + i / rate}, and is sent then,
 * whether or not the earlier ones have been answered (as users arrive, not as a client that waits).
 *
 * <ol>
 *   <li><b>Schedule</b>: request {@code i} is due at {@code start + i / rate}; the schedule never
 *       shifts, so a generator that was held up sends the missed requests at once, late, and
 *       then keeps to the original times.
 *   <li><b>Deal</b> each request a mode in the mix's shares ({@link ModeMix.Picker}) and the next
 *       query of that mode's own pass over the queries (so every mode asks every query in turn).
 *       The passes go on from one run to the next, so each rate of a sweep asks the queries the
 *       previous one had not reached, not the same first ones again (a server's caches would
 *       otherwise favour the later rates).
 *   <li><b>Send</b> it without waiting for the answer; at most {@code maxInFlight} wait at once.
 *   <li><b>Record</b> each answer against its <em>due</em> time, not its send time: that is the
 *       coordinated-omission correction (a stalled server, or a generator stalled by the busy
 *       machine, cannot hide the time the later requests would have waited). The uncorrected
 *       latency, from the actual send, and the server's own {@code timings_ms.total} are kept beside.
 *   <li><b>Stop</b> at the duration or the request count, whichever comes first, and wait for the
 *       answers still in flight (at most the request timeout and 5 s more).
 * </ol>
 *
 * <p>One thread sends; answers are recorded on the target's threads. Progress goes to {@code
 * progress} every {@link LoadSettings#progressEvery()}. Not reentrant: one run at a time.
 */
public final class LoadGenerator {

  private static final long DRAIN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final LoadTarget target;
  private final Ticker ticker;
  private final PrintStream progress;
  /** Where each mode's pass over the queries has got to, across runs. */
  private final Map<BenchMode, Integer> cursors = new EnumMap<>(BenchMode.class);

  public LoadGenerator(LoadTarget target, Ticker ticker, PrintStream progress) {
    this.target = Objects.requireNonNull(target, "target");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * Runs the load at {@code rate} requests per second.
   *
   * @param queries asked in turn, cycling; not empty
   * @throws IllegalArgumentException for a rate out of range or no queries
   * @throws InterruptedException when interrupted; the requests in flight are abandoned
   */
  public LoadRun run(LoadSettings s, double rate, List<BenchQuery> queries) throws InterruptedException {
    LoadSettings.checkRate(rate);
    if (queries.isEmpty()) {
      throw new IllegalArgumentException("illegal load: no queries to send");
    }
    Map<BenchMode, ModeRecorder> recorders = new LinkedHashMap<>();
    s.mix().modes().forEach(m -> recorders.put(m, new ModeRecorder(m.wireName())));
    ModeMix.Picker picker = s.mix().picker();
    InFlight inFlight = new InFlight(s.maxInFlight());
    Histogram lag = Latency.histogram();
    long start = ticker.nanoTime();
    long nextProgress = start + s.progressEvery().toNanos();
    long sent = 0;
    String stoppedBy;
    while (true) {
      // 1. schedule: i * 1e9 / rate, not i * (1e9 / rate): 204 requests at 12/s are due at exactly 17 s
      long due = start + dueNanos(sent, rate);
      stoppedBy = sent >= s.maxRequests() ? "max_requests" : due - start >= s.duration().toNanos() ? "duration" : null;
      if (stoppedBy != null) {
        break;
      }
      ticker.sleepUntil(due);
      inFlight.acquire();
      // 2. deal, 3. send, 4. record against the due time
      LoadRequest request = deal(sent, s, picker, queries);
      ModeRecorder recorder = recorders.get(request.mode());
      recorder.sent();
      long sentAt = ticker.nanoTime();
      Latency.record(lag, sentAt - due);
      send(request).whenComplete((reply, failure) -> {
        long done = ticker.nanoTime();
        LoadReply r = reply != null ? reply : LoadReply.failed(0, "failed: " + failure);
        inFlight.release(() -> recorder.record(due, sentAt, done, r), done);
      });
      sent++;
      if (sentAt >= nextProgress) {
        progress.println(progressLine(rate, sent, sentAt - start, s, inFlight, recorders));
        nextProgress = sentAt + s.progressEvery().toNanos();
      }
    }
    // 5. stop: wait for the answers still in flight
    if (inFlight.count() > 0) {
      progress.printf(Locale.ROOT, "load %s/s: sent %d, waiting for the last %d answers%n", rate(rate), sent,
          inFlight.count());
    }
    long unanswered = inFlight.drain(s.timeout().toNanos() + DRAIN_GRACE_NANOS, recorders.values());
    // the window ends at the last answer (or where the drain gave up), never before the last send
    long end = Math.max(unanswered > 0 ? ticker.nanoTime() : inFlight.lastDone(), start + dueNanos(sent - 1, rate));
    return result(rate, sent, Math.max(1e-9, (end - start) / 1e9), lag, stoppedBy, unanswered, s, recorders);
  }

  private static long dueNanos(long seq, double rate) {
    return Math.round(Math.max(0, seq) * 1e9 / rate);
  }

  /** The next request: a mode in the mix's shares, the next query of that mode's walk. */
  private LoadRequest deal(long seq, LoadSettings s, ModeMix.Picker picker, List<BenchQuery> queries) {
    BenchMode mode = picker.next();
    int cursor = cursors.getOrDefault(mode, 0) % queries.size();
    cursors.put(mode, cursor + 1);
    BenchQuery q = queries.get(cursor);
    return new LoadRequest(seq, new BackendQuery(q.text(), s.k(), mode, q.asOf()), s.deadlineFor(mode));
  }

  private static LoadRun result(double rate, long sent, double elapsed, Histogram lag, String stoppedBy,
      long unanswered, LoadSettings s, Map<BenchMode, ModeRecorder> recorders) {
    List<ModeStats> modes = new ArrayList<>();
    recorders.values().forEach(r -> modes.add(r.stats()));
    long ok = modes.stream().mapToLong(ModeStats::ok).sum();
    return new LoadRun(rate, sent, elapsed, ok / elapsed, Latency.of(lag), stoppedBy, unanswered, s.deepBudgetMs(),
        modes);
  }

  private CompletableFuture<LoadReply> send(LoadRequest request) {
    try {
      return target.send(request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static String progressLine(double rate, long sent, long elapsedNanos, LoadSettings s, InFlight inFlight,
      Map<BenchMode, ModeRecorder> recorders) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "load %s/s: %.0f/%d s, sent %d, in flight %d",
        rate(rate), elapsedNanos / 1e9, s.duration().toSeconds(), sent, inFlight.count()));
    long errors = 0;
    for (ModeRecorder r : recorders.values()) {
      ModeStats m = r.stats();
      errors += m.errors();
      b.append(String.format(Locale.ROOT, ", %s p99 %.1f ms", m.mode(), m.latency().p99Ms()));
    }
    return b.append(", errors ").append(errors).toString();
  }

  /** A rate as printed: {@code 20}, {@code 2.50}. */
  public static String rate(double rate) {
    return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(Locale.ROOT, "%.2f", rate);
  }

  /**
   * The requests waiting for an answer: a semaphore for the cap, a count, and the time of the
   * last answer. After {@link #drain} gave up, late answers are no longer recorded.
   */
  private static final class InFlight {

    private final int max;
    private final Semaphore slots;
    private int count;
    private long lastDone = Long.MIN_VALUE;
    private boolean closed;

    InFlight(int max) {
      this.max = max;
      this.slots = new Semaphore(max);
    }

    void acquire() throws InterruptedException {
      slots.acquire();
      synchronized (this) {
        count++;
      }
    }

    void release(Runnable record, long done) {
      synchronized (this) {
        if (!closed) {
          record.run();
          count--;
          lastDone = Math.max(lastDone, done);
        }
      }
      slots.release();
    }

    synchronized int count() {
      return count;
    }

    synchronized long lastDone() {
      return lastDone;
    }

    /** Waits for every answer; returns how many never came, each counted as an error of its mode. */
    long drain(long timeoutNanos, Iterable<ModeRecorder> recorders) throws InterruptedException {
      boolean all = slots.tryAcquire(max, timeoutNanos, TimeUnit.NANOSECONDS);
      synchronized (this) {
        closed = true;
        if (!all) {
          recorders.forEach(ModeRecorder::abandonUnanswered);
        }
        return all ? 0 : count;
      }
    }
  }
}
