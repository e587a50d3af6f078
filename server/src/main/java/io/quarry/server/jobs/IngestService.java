package io.quarry.server.jobs;

import io.quarry.core.document.Document;
import io.quarry.core.index.IndexResult;
import io.quarry.core.index.Indexer;
import io.quarry.server.WritePath;
import io.quarry.server.config.IngestConfig;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous ingestion: accepts jobs durably and fast, and one worker applies them in order.
 *
 * <ul>
 *   <li><b>Accept</b> ({@link #submit}): the body is forced to disk ({@link JobStore}) before the
 *       caller hears 202. A full queue ({@code ingest.queue_documents}) is refused with {@link
 *       QueueFullException}; the queue itself holds job snapshots, never documents, which stay on
 *       disk until the worker takes them.
 *   <li><b>Idempotency</b>: a request with an {@code Idempotency-Key} already seen with the same
 *       body returns the original job, even while that first request is still being accepted; the
 *       same key with another body is refused ({@link IdempotencyConflictException}).
 *   <li><b>Apply</b>: batch by batch, each batch embedded outside the write lock, then written and
 *       committed with a {@link Checkpoint} in the commit data. A failing batch is retried with
 *       backoff, then its documents one by one; a document that still fails goes to the dead
 *       letters, durably, before the commit that moves past it. An index that cannot be written
 *       stalls the worker (retried, reported by {@link #problems()}), never loses documents.
 *   <li><b>Restart</b> ({@link #start()}): every unfinished job is queued again; the job the last
 *       commit was applying resumes after the documents that commit holds.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class IngestService implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  /** The longest wait between tries of an index that cannot be written. */
  private static final Duration MAX_STALL_BACKOFF = Duration.ofSeconds(30);

  private final JobStore store;
  private final DeadLetterStore deadLetters;
  private final WritePath writes;
  private final DocumentCodec codec;
  private final IngestConfig config;
  private final Clock clock;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final PriorityBlockingQueue<Job> queue = new PriorityBlockingQueue<>(16, Comparator.comparingLong(Job::seq));
  private final Map<String, CompletableFuture<Job>> keys = new ConcurrentHashMap<>();
  private final Set<String> cancelling = ConcurrentHashMap.newKeySet();
  private final AtomicLong seq = new AtomicLong();
  /** Guards {@link #pending} and every job's move out of {@code queued}. */
  private final Object lock = new Object();
  /** Documents accepted and not yet given an outcome. */
  private long pending;
  private final AtomicLong appliedDocuments = new AtomicLong();
  private final AtomicLong busyNanos = new AtomicLong();
  private volatile Instant lastProgressAt;
  private volatile Instant lastIndexedAt;
  private volatile String stalled;
  private volatile boolean stopping;
  private Thread worker;
  /** The worker's last write, for {@link WritePath#awaitVisible}. */
  private long lastSequence = -1;

  private final MeterRegistry meters;

  private IngestService(JobStore store, DeadLetterStore deadLetters, WritePath writes, DocumentCodec codec,
      IngestConfig config, Clock clock, MeterRegistry meters) {
    this.meters = meters;
    this.store = store;
    this.deadLetters = deadLetters;
    this.writes = writes;
    this.codec = codec;
    this.config = config;
    this.clock = clock;
    this.lastProgressAt = clock.instant();
  }

  /**
   * Opens the job and dead-letter stores and loads every job; nothing runs until {@link #start()}.
   */
  public static IngestService open(Path jobsDir, Path deadLettersDir, WritePath writes, DocumentCodec codec,
      IngestConfig config, Clock clock, MeterRegistry meters) throws IOException {
    IngestService s = new IngestService(JobStore.open(jobsDir), DeadLetterStore.open(deadLettersDir, codec),
        writes, codec, config, clock, meters);
    s.load();
    s.registerGauges();
    return s;
  }

  /** Lag and backlog, read at each scrape. */
  private void registerGauges() {
    Gauge.builder("quarry.ingest.queued.documents", this::queuedDocuments)
        .description("documents accepted and not yet indexed").register(meters);
    Gauge.builder("quarry.ingest.lag.seconds", () -> stats().oldestQueuedAge().toMillis() / 1000.0)
        .description("how long the oldest queued job has waited").register(meters);
    Gauge.builder("quarry.ingest.dead.letters", deadLetters::size)
        .description("documents in the dead-letter store").register(meters);
    Gauge.builder("quarry.ingest.throughput.documents.per.second", this::documentsPerSecond)
        .description("the worker's rate while busy, since start-up").register(meters);
  }

  /** Counts what a batch did, by outcome. */
  private void count(JobCounts before, JobCounts after) {
    countOutcome("indexed", after.indexed() - before.indexed());
    countOutcome("unchanged", after.unchanged() - before.unchanged());
    countOutcome("failed", after.failed() - before.failed());
    countOutcome("deleted", after.deleted() - before.deleted());
    Counter.builder("quarry.ingest.passages").description("passages written by ingest jobs")
        .register(meters).increment(after.passages() - before.passages());
  }

  private void countOutcome(String outcome, int n) {
    Counter.builder("quarry.ingest.documents").tag("outcome", outcome)
        .description("documents ingest jobs gave an outcome, by outcome").register(meters).increment(n);
  }

  private void load() throws IOException {
    Checkpoint cp = Checkpoint.from(writes.commitData());
    List<Job> loaded = store.load();
    loaded.sort(Comparator.comparingLong(Job::seq));
    for (Job j : loaded) {
      seq.accumulateAndGet(j.seq(), Math::max);
      if (!j.state().finished()) {
        if (cp != null && cp.job().equals(j.id())) { // its progress as of the last commit, exactly
          j = j.withProgress(cp.counts(), cp.times(), cp.errors());
        } else if (j.state() == JobState.RUNNING) {
          // It ran, but no commit names it: nothing of it reached the index. Redo it whole.
          j = j.withProgress(JobCounts.of(j.counts().total()), StageTimes.ZERO, List.of());
        }
        if (store.cancelRequested(j.id())) {
          cancelling.add(j.id()); // asked to stop before the restart: the worker stops it first thing
        }
        if (!store.hasPayload(j.id())) {
          // Only a final state drops a payload: this is damage from outside Quarry.
          j = j.withProgress(j.counts(), j.times(), j.errorsPlus(List.of(new JobError("",
              "the job's payload is missing from the jobs directory")))).withState(JobState.FAILED, clock.instant());
          store.save(j, true);
        } else {
          queue.add(j);
          pending += j.remaining();
        }
      }
      jobs.put(j.id(), j);
      if (j.idempotencyKey() != null && !expired(j)) {
        keys.put(j.idempotencyKey(), CompletableFuture.completedFuture(j));
      }
    }
    if (!queue.isEmpty()) {
      LOG.info("ingest: {} unfinished jobs ({} documents) will resume", queue.size(), pending);
    }
    prune();
  }

  /** Starts the worker: unfinished jobs resume at once. */
  public synchronized void start() {
    if (worker != null) {
      return;
    }
    worker = Thread.ofPlatform().name("quarry-ingest").daemon(true).start(this::work);
  }

  /**
   * Accepts a batch: durable when this returns.
   *
   * @param body the request body as sent (what the journal keeps, and what a key's retries must
   *     repeat)
   * @param batch the body's documents and deletions, validated
   * @param idempotencyKey the client's key, or null
   * @param origin who submits: {@code api}, {@code connector:<name>}
   * @throws QueueFullException when the queue cannot take {@code batch.size()} more
   * @throws IdempotencyConflictException when the key was used with another body
   */
  public Submission submit(byte[] body, DocumentCodec.Batch batch, String idempotencyKey, String origin)
      throws IOException {
    if (idempotencyKey == null) { // nothing will compare the body: skip hashing it (a ms a megabyte)
      return new Submission(accept(batch.size(), body, null, null, origin), false);
    }
    String hash = Hashes.sha256(body);
    while (true) {
      CompletableFuture<Job> mine = new CompletableFuture<>();
      CompletableFuture<Job> prior = keys.putIfAbsent(idempotencyKey, mine);
      if (prior == null) {
        try {
          Job j = accept(batch.size(), body, idempotencyKey, hash, origin);
          mine.complete(j);
          return new Submission(j, false);
        } catch (IOException | RuntimeException e) {
          keys.remove(idempotencyKey, mine);
          mine.completeExceptionally(e);
          throw e;
        }
      }
      Job first;
      try {
        first = prior.join(); // the first request with this key may still be writing its job
      } catch (CompletionException | java.util.concurrent.CancellationException e) {
        keys.remove(idempotencyKey, prior); // it was refused (a full queue): this one tries afresh
        continue;
      }
      if (expired(first)) {
        keys.remove(idempotencyKey, prior);
        continue;
      }
      if (!first.bodyHash().equals(hash)) {
        throw new IdempotencyConflictException(idempotencyKey, first.id());
      }
      return new Submission(jobs.getOrDefault(first.id(), first), true);
    }
  }

  private Job accept(int n, byte[] body, String key, String hash, String origin) throws IOException {
    synchronized (lock) {
      if (pending + n > config.queueDocuments()) {
        throw new QueueFullException("the ingest queue holds " + pending + " documents and takes at most "
            + config.queueDocuments() + " (ingest.queue_documents): retry later", retryAfterSeconds(pending + n
            - config.queueDocuments()));
      }
      pending += n;
    }
    try {
      Job j = Job.queued(UUID.randomUUID().toString(), seq.incrementAndGet(), origin, n, clock.instant(), key, hash);
      store.accept(j, body);
      jobs.put(j.id(), j);
      queue.add(j);
      return j;
    } catch (IOException | RuntimeException e) {
      synchronized (lock) {
        pending -= n;
      }
      throw e;
    }
  }

  /** Seconds until the worker has likely applied {@code documents} more, from its rate so far. */
  private long retryAfterSeconds(long documents) {
    double perSecond = busyNanos.get() == 0 ? 10 : documentsPerSecond();
    return Math.clamp((long) Math.ceil(documents / Math.max(perSecond, 0.1)), 1, 60);
  }

  /** The worker's rate while busy, in this process; 0 before it has applied anything. */
  private double documentsPerSecond() {
    long busy = busyNanos.get();
    return busy == 0 ? 0 : appliedDocuments.get() / (busy / 1e9);
  }

  private long queuedDocuments() {
    synchronized (lock) {
      return pending;
    }
  }

  /** The job with this id, if it is known (finished jobs are pruned after a while). */
  public Optional<Job> job(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  /** Recent jobs, newest first, in any of {@code states} (all when empty). */
  public List<Job> jobs(Set<JobState> states, int limit) {
    return jobs.values().stream()
        .filter(j -> states.isEmpty() || states.contains(j.state()))
        .sorted(Comparator.comparingLong(Job::seq).reversed())
        .limit(limit)
        .toList();
  }

  /**
   * Cancels a job: a queued one at once, a running one after its batch in flight (what it has
   * indexed stays).
   *
   * @return the job after the request, or empty when it is unknown
   */
  public Optional<Cancel> cancel(String id) throws IOException {
    synchronized (lock) {
      Job j = jobs.get(id);
      if (j == null) {
        return Optional.empty();
      }
      if (j.state().finished()) {
        return Optional.of(new Cancel(j, false));
      }
      if (j.state() == JobState.RUNNING) {
        store.requestCancel(id); // a restart before the worker sees it still stops the job
        cancelling.add(id);
        return Optional.of(new Cancel(j, true));
      }
      Job done = j.withState(JobState.CANCELLED, clock.instant());
      store.save(done, true);
      store.dropPayload(id);
      pending -= j.remaining();
      jobs.put(id, done);
      queue.remove(j);
      return Optional.of(new Cancel(done, true));
    }
  }

  /** The dead letters, oldest first. */
  public List<DeadLetter> deadLetters(int limit) {
    return deadLetters.list(limit);
  }

  /**
   * Submits up to {@code limit} dead letters, oldest first, as one new job, and takes them out of
   * the dead-letter store once that job is durable (a crash in between leaves them in both: the
   * job's copy then counts as unchanged or replaces the same document).
   *
   * @return the job, or empty when there are no dead letters
   */
  public synchronized Optional<Submission> replayDeadLetters(int limit) throws IOException {
    List<DeadLetter> letters = deadLetters.list(limit);
    if (letters.isEmpty()) {
      return Optional.empty();
    }
    List<Document> docs = new ArrayList<>(letters.size());
    for (DeadLetter l : letters) {
      docs.add(deadLetters.document(l));
    }
    byte[] body = codec.encode(DocumentCodec.Batch.of(docs));
    Job j = accept(docs.size(), body, null, null, "dead-letters");
    for (DeadLetter l : letters) {
      deadLetters.remove(l.job(), l.id());
    }
    return Optional.of(new Submission(j, false));
  }

  /** What {@code /v1/stats} reports: outcomes, not plumbing. */
  public Stats stats() {
    Map<JobState, Integer> byState = new EnumMap<>(JobState.class);
    for (JobState s : JobState.values()) {
      byState.put(s, 0);
    }
    Instant oldestQueued = null;
    for (Job j : jobs.values()) {
      byState.merge(j.state(), 1, Integer::sum);
      if (j.state() == JobState.QUEUED && (oldestQueued == null || j.enqueuedAt().isBefore(oldestQueued))) {
        oldestQueued = j.enqueuedAt();
      }
    }
    Duration age = oldestQueued == null ? Duration.ZERO : Duration.between(oldestQueued, clock.instant());
    return new Stats(byState, queuedDocuments(), age, deadLetters.size(), lastIndexedAt, documentsPerSecond());
  }

  /** Why ingestion is not getting work done, each in a sentence; empty when it is. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    String s = stalled;
    if (s != null) {
      out.add("ingestion cannot write to the index and keeps retrying: " + s);
    }
    long waiting = queuedDocuments();
    Duration idle = Duration.between(lastProgressAt, clock.instant());
    if (waiting > 0 && idle.compareTo(config.stallAfter()) > 0) {
      out.add(waiting + " documents are waiting to be indexed and none was indexed for " + idle.toSeconds()
          + " s (ingest.stall_after_s=" + config.stallAfter().toSeconds() + ")");
    }
    return out;
  }

  /** A suggested poll interval for a job: 1 s, growing linearly with its age, at most 30 s. */
  public Duration pollAfter(Job job) {
    long ageMs = Math.max(0, Duration.between(job.enqueuedAt(), clock.instant()).toMillis());
    return Duration.ofMillis(Math.min(30_000, 1_000 + ageMs / 10));
  }

  private void work() {
    while (!stopping) {
      Job next;
      try {
        next = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (next == null) {
        continue;
      }
      try {
        run(next);
      } catch (RuntimeException | IOException e) {
        // A bug or a broken disk: what the last commit holds is safe; try the rest again later.
        stalled = e.toString();
        LOG.error("ingest: job {} stopped; retrying in {} s", next.id(), MAX_STALL_BACKOFF.toSeconds(), e);
        if (pause(MAX_STALL_BACKOFF)) {
          Job j = jobs.get(next.id());
          if (j != null && !j.state().finished()) {
            queue.add(j);
          }
        }
      }
    }
  }

  private void run(Job taken) throws IOException {
    Job job;
    synchronized (lock) {
      job = jobs.get(taken.id());
      if (job == null || job.state().finished()) {
        return; // cancelled while queued
      }
      job = job.withState(JobState.RUNNING, clock.instant());
      jobs.put(job.id(), job);
    }
    DocumentCodec.Batch items;
    try {
      items = codec.decode(store.body(job.id()));
    } catch (IOException | IllegalArgumentException e) {
      // accepted bodies were validated: this is a file damaged on disk
      job = job.withProgress(job.counts(), job.times(), job.errorsPlus(List.of(new JobError("",
          "the job's payload cannot be read: " + e.getMessage()))));
      finish(job, JobState.FAILED);
      return;
    }
    store.save(job, false);
    List<Document> docs = items.documents();
    long started = System.nanoTime();
    // items are the documents, then the deletions; the checkpoint counts both
    for (int i = job.counts().done(); i < items.size(); ) {
      if (stopping) {
        return; // the commit so far holds the checkpoint: the rest resumes on restart
      }
      if (cancelling.contains(job.id())) {
        break;
      }
      int end = Math.min(i < docs.size() ? docs.size() : items.size(), i + config.batch());
      Job after = i < docs.size()
          ? applyBatch(job, docs.subList(i, end), end)
          : applyDeletes(job, items.deletes().subList(i - docs.size(), end - docs.size()), end);
      if (after == null) {
        return; // stopping while the index could not be written
      }
      count(job.counts(), after.counts());
      job = after;
      synchronized (lock) {
        pending -= end - i;
        jobs.put(job.id(), job);
      }
      appliedDocuments.addAndGet(end - i);
      busyNanos.addAndGet(System.nanoTime() - started);
      started = System.nanoTime();
      lastProgressAt = clock.instant(); // no snapshot to disk: the commit's checkpoint has the progress
      i = end;
    }
    // a client that sees "succeeded" and searches must find the documents
    writes.awaitVisible(lastSequence);
    // a cancel that came after the last item found nothing left to stop
    boolean cancelled = cancelling.remove(job.id()) && job.counts().done() < items.size();
    finish(job, cancelled ? JobState.CANCELLED : job.outcome());
  }

  private void finish(Job job, JobState state) throws IOException {
    Job done = job.withState(state, clock.instant());
    store.save(done, true); // before the payload goes: a crash in between finds a final state
    if (done.startedAt() != null) {
      Timer.builder("quarry.ingest.job.duration").tag("state", state.wire())
          .description("from a job's start to its end").register(meters)
          .record(Duration.between(done.startedAt(), done.finishedAt()));
    }
    store.dropPayload(done.id());
    synchronized (lock) {
      pending -= job.remaining();
      jobs.put(done.id(), done);
    }
    LOG.info("ingest: job {} {}: {} indexed, {} unchanged, {} failed, {} deleted", done.id(), state.wire(),
        done.counts().indexed(), done.counts().unchanged(), done.counts().failed(), done.counts().deleted());
    prune();
  }

  /**
   * Embeds, writes and commits one batch, with the checkpoint at {@code end}.
   *
   * @return the job after the batch, or null when the service stops before the batch is written
   */
  private Job applyBatch(Job job, List<Document> batch, int end) throws IOException {
    return untilWritten(job, () -> tryBatch(job, batch, end));
  }

  /** Deletes ids (a connector's removed files), committed with the checkpoint at {@code end}. */
  private Job applyDeletes(Job job, List<String> ids, int end) throws IOException {
    writes.awaitVisible(lastSequence); // this job's upserts of the same ids count as there
    return untilWritten(job, () -> {
      JobCounts[] counts = new JobCounts[1];
      StageTimes[] times = new StageTimes[1];
      long t = System.nanoTime();
      writes.delete(ids, deleted -> {
        counts[0] = job.counts().plus(0, ids.size() - deleted, 0, deleted, 0);
        times[0] = job.times().plus(0, 0, System.nanoTime() - t);
        return new Checkpoint(job.id(), end, counts[0], times[0], job.errors()).toCommitData();
      });
      return job.withProgress(counts[0], times[0], job.errors());
    });
  }

  /** One write attempt: the job after it, or null when stopping. */
  @FunctionalInterface
  private interface Attempt {
    Job run() throws IOException;
  }

  /**
   * Runs {@code attempt} until it writes: an index (or dead-letter directory) that cannot be
   * written is no document's fault, so the worker waits with backoff and tries again.
   *
   * @return the job after the write, or null when the service stops first
   */
  private Job untilWritten(Job job, Attempt attempt) throws IOException {
    Duration wait = config.backoff();
    while (true) {
      try {
        Job after = attempt.run();
        if (after != null) {
          stalled = null;
        }
        return after;
      } catch (IOException e) {
        stalled = e.toString();
        LOG.warn("ingest: job {} cannot write its batch, retrying in {} ms: {}", job.id(), wait.toMillis(), e.toString());
        if (!pause(wait)) {
          return null;
        }
        wait = min(wait.multipliedBy(2), MAX_STALL_BACKOFF);
      }
    }
  }

  private Job tryBatch(Job job, List<Document> batch, int end) throws IOException {
    List<Indexer.Prepared> parts = new ArrayList<>();
    Map<Document, String> failed = new java.util.LinkedHashMap<>();
    Indexer.Prepared whole = prepareWithRetries(batch);
    if (whole == null && stopping) {
      return null;
    }
    if (whole != null) {
      parts.add(whole);
    } else {
      // The batch keeps failing: find the documents that do, with one more try each.
      for (Document d : batch) {
        try {
          parts.add(writes.prepare(List.of(d)));
        } catch (RuntimeException e) {
          failed.put(d, reason(e));
        }
      }
    }
    Indexer.Prepared prepared = Indexer.Prepared.merge(parts);
    int attempts = config.attempts() + 1;
    Instant now = clock.instant();
    JobCounts[] counts = new JobCounts[1];
    StageTimes[] times = new StageTimes[1];
    List<JobError> errors = job.errorsPlus(failed.entrySet().stream()
        .map(e -> new JobError(e.getKey().id(), e.getValue())).toList());
    IndexResult r = writes.apply(prepared, written -> {
      counts[0] = job.counts().plus(written.indexed(), written.unchanged(), failed.size(), 0, written.passages());
      times[0] = job.times().plus(written.embedNanos(), written.listenerNanos(), written.writeNanos());
      return new Checkpoint(job.id(), end, counts[0], times[0], errors).toCommitData();
    }, () -> {
      // durable before the commit that moves the checkpoint past them
      for (Map.Entry<Document, String> e : failed.entrySet()) {
        deadLetters.put(new DeadLetter(job.id(), e.getKey().id(), e.getValue(), attempts, now), e.getKey());
      }
      // a letter left by a crash before an earlier try's commit: that document is in now
      for (Document d : batch) {
        if (!failed.containsKey(d) && deadLetters.contains(job.id(), d.id())) {
          deadLetters.remove(job.id(), d.id());
        }
      }
    });
    if (r.indexed() > 0) {
      lastIndexedAt = clock.instant();
      lastSequence = Math.max(lastSequence, r.sequence());
    }
    if (!failed.isEmpty()) {
      LOG.warn("ingest: job {}: {} documents failed every attempt and went to the dead letters; first: {}",
          job.id(), failed.size(), failed.values().iterator().next());
    }
    return job.withProgress(counts[0], times[0], errors);
  }

  /**
   * The batch prepared, or null when it failed every attempt (the encoder down, a bad document)
   * or the service is stopping.
   */
  private Indexer.Prepared prepareWithRetries(List<Document> batch) throws IOException {
    Duration wait = config.backoff();
    for (int attempt = 1; attempt <= config.attempts(); attempt++) {
      try {
        return writes.prepare(batch);
      } catch (RuntimeException e) {
        LOG.warn("ingest: a batch of {} documents failed (try {} of {}): {}", batch.size(), attempt,
            config.attempts(), reason(e));
        if (attempt < config.attempts() && !pause(wait)) {
          return null; // stopping
        }
        wait = wait.multipliedBy(2);
      }
    }
    return null;
  }

  private static String reason(RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = e.getMessage() != null ? e.getMessage() : root.getMessage();
    return e.getClass().getSimpleName() + ": " + m;
  }

  /** Sleeps unless stopping; false when the service is stopping. */
  private boolean pause(Duration d) {
    long until = System.nanoTime() + d.toNanos();
    while (!stopping) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      try {
        Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 100));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private boolean expired(Job j) {
    return j.enqueuedAt().plus(config.idempotencyTtl()).isBefore(clock.instant());
  }

  /** Forgets finished jobs past their age or count, and idempotency keys past their time. */
  private void prune() {
    Instant cutoff = clock.instant().minus(config.retention());
    List<Job> finished = jobs.values().stream()
        .filter(j -> j.state().finished())
        .sorted(Comparator.comparing(Job::finishedAt, Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
        .toList();
    for (int i = 0; i < finished.size(); i++) {
      Job j = finished.get(i);
      if (i >= config.maxFinished() || j.finishedAt() == null || j.finishedAt().isBefore(cutoff)) {
        try {
          store.delete(j.id());
          jobs.remove(j.id());
        } catch (IOException e) {
          LOG.warn("ingest: cannot prune job {}: {}", j.id(), e.toString());
        }
      }
    }
    keys.entrySet().removeIf(e -> e.getValue().isDone() && !e.getValue().isCompletedExceptionally()
        && expired(e.getValue().join()));
  }

  /**
   * Stops the worker after its batch in flight commits (at most a batch's time), so a clean stop
   * replays nothing.
   */
  @Override
  public void close() {
    stopping = true;
    Thread w;
    synchronized (this) {
      w = worker;
    }
    if (w != null) {
      try {
        w.join(TimeUnit.MINUTES.toMillis(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (w.isAlive()) {
        LOG.warn("ingest: the worker did not stop within 2 minutes; its batch in flight will be redone on restart");
      }
    }
  }

  /**
   * @param job the job, as accepted or (for a repeat) as it is now
   * @param repeat true when an {@code Idempotency-Key} named an existing job
   */
  public record Submission(Job job, boolean repeat) {}

  /**
   * @param job the job after the request
   * @param accepted false when it had already finished
   */
  public record Cancel(Job job, boolean accepted) {}

  /**
   * @param jobs jobs by state (every state named, zeros included)
   * @param queuedDocuments documents accepted and not yet given an outcome
   * @param oldestQueuedAge how long the oldest queued job has waited, zero when none
   * @param deadLetters documents in the dead-letter store
   * @param lastIndexedAt when the worker last wrote a document, or null
   * @param documentsPerSecond the worker's rate while busy, in this process
   */
  public record Stats(Map<JobState, Integer> jobs, long queuedDocuments, Duration oldestQueuedAge,
      int deadLetters, Instant lastIndexedAt, double documentsPerSecond) {}
}
