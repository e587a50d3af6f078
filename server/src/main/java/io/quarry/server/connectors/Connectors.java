package io.quarry.server.connectors;

import io.quarry.server.jobs.Hashes;
import io.quarry.core.document.Document;
import io.quarry.server.config.ConnectorsConfig;
import io.quarry.server.jobs.DocumentCodec;
import io.quarry.server.jobs.IngestService;
import io.quarry.server.jobs.Job;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured connectors on their schedules, and one-off syncs of a path given over HTTP.
 * A sync scans the source against its watermark, submits the changes as ingest jobs (so they are
 * durable, retried and dead-lettered like any other job), and only then saves the new watermark.
 *
 * <p>Thread-safe; syncs of one connector never overlap.
 */
public final class Connectors implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(Connectors.class);

  private final Map<String, Entry> configured = new LinkedHashMap<>();
  private final Map<String, Entry> adhoc = new ConcurrentHashMap<>();
  private final PathGuard guard;
  private final WatermarkStore watermarks;
  private final IngestService ingest;
  private final DocumentCodec codec;
  private final int maxPerJob;
  private final Clock clock;
  private final Instant startedAt;
  private ScheduledExecutorService scheduler;

  public Connectors(ConnectorsConfig config, Path stateDir, IngestService ingest, DocumentCodec codec,
      int maxPerJob, Clock clock) throws IOException {
    this.guard = new PathGuard(config.roots());
    this.watermarks = new WatermarkStore(stateDir);
    this.ingest = ingest;
    this.codec = codec;
    this.maxPerJob = maxPerJob;
    this.clock = clock;
    this.startedAt = clock.instant();
    for (ConnectorsConfig.Connector c : config.connectors()) {
      configured.put(c.name(), new Entry(create(c.name(), c.type(), c.path()), c.type(), c.path(), c.every(), c.name()));
    }
  }

  private static Connector create(String name, String type, Path path) {
    return type.equals("jsonl") ? new JsonlConnector(name, path) : new DirectoryConnector(name, path);
  }

  /** Starts the schedules: each connector syncs now, then every {@code every} (or only now). */
  public synchronized void start() {
    if (configured.isEmpty() || scheduler != null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "quarry-connectors");
      t.setDaemon(true);
      return t;
    });
    for (Entry e : configured.values()) {
      Runnable run = () -> {
        try {
          sync(e);
        } catch (RuntimeException | IOException ex) {
          // recorded on the entry and reported by problems(); the schedule goes on
        }
      };
      if (e.every == null) {
        scheduler.execute(run);
      } else {
        scheduler.scheduleWithFixedDelay(run, 0, e.every.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Syncs a configured connector now. */
  public Optional<Sync> sync(String name) throws IOException {
    Entry e = configured.get(name);
    return e == null ? Optional.empty() : Optional.of(sync(e));
  }

  /**
   * Syncs a source given over HTTP: its path must lie under {@code connectors.roots}. A path that
   * is a configured connector's syncs that connector; any other keeps a watermark of its own, so a
   * repeated request sends only what changed.
   *
   * @throws IllegalArgumentException when the type is unknown or the path is refused
   */
  public Sync syncSource(String type, String path) throws IOException {
    if (type == null || !(type.equals("directory") || type.equals("jsonl"))) {
      throw new IllegalArgumentException("field 'source.type' is '" + type + "', must be directory or jsonl");
    }
    Path real = guard.resolve(path);
    for (Entry e : configured.values()) {
      if (Files.exists(e.path) && e.path.toRealPath().equals(real) && e.type.equals(type)) {
        return sync(e);
      }
    }
    String name = real.getFileName() == null ? "root"
        : real.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
    String key = "adhoc-" + name + "-" + Hashes.sha256(real.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 8);
    Entry e = adhoc.computeIfAbsent(key, k -> new Entry(create(name, type, real), type, real, null, k));
    return sync(e);
  }

  private Sync sync(Entry e) throws IOException {
    synchronized (e) {
      Instant at = clock.instant();
      e.lastAttempt = at;
      try {
        Watermark before = watermarks.load(e.stateKey);
        Changes changes = e.connector.scan(before);
        List<Job> jobs = submit(e.connector.name(), changes);
        if (!changes.next().equals(before)) { // an idle folder costs no write (and no fsync) a sync
          watermarks.save(e.stateKey, changes.next()); // after the jobs are durable
        }
        Sync s = new Sync(e.connector.name(), changes.upserts().size(), changes.deletes().size(),
            jobs.stream().map(Job::id).toList(), changes.unreadable(), at);
        e.lastSuccess = at;
        e.last = s;
        e.lastError = null;
        if (!changes.isEmpty()) {
          LOG.info("connector {}: {} changed, {} deleted, as jobs {}", e.connector.name(), s.upserts(), s.deletes(), s.jobs());
        }
        changes.unreadable().forEach(u -> LOG.warn("connector {}: skipped {}", e.connector.name(), u));
        return s;
      } catch (IOException | RuntimeException ex) {
        if (!String.valueOf(ex.getMessage()).equals(e.lastError)) { // once per new error, not every interval
          LOG.warn("connector {}: sync failed: {}", e.connector.name(), ex.toString());
        }
        e.lastError = String.valueOf(ex.getMessage());
        throw ex;
      }
    }
  }

  /** Changes as jobs of at most {@code maxPerJob} items, deletions last. */
  private List<Job> submit(String name, Changes changes) throws IOException {
    List<Job> jobs = new ArrayList<>();
    List<Document> ups = changes.upserts();
    List<String> dels = changes.deletes();
    int i = 0;
    int total = ups.size() + dels.size();
    while (i < total) {
      int end = Math.min(total, i + maxPerJob);
      List<Document> u = ups.subList(Math.min(i, ups.size()), Math.min(end, ups.size()));
      List<String> d = dels.subList(Math.max(0, i - ups.size()), Math.max(0, end - ups.size()));
      DocumentCodec.Batch batch = new DocumentCodec.Batch(u, d);
      jobs.add(ingest.submit(codec.encode(batch), batch, null, "connector:" + name).job());
      i = end;
    }
    return jobs;
  }

  /** Each configured connector's state, for {@code GET /v1/connectors}. */
  public List<Status> status() {
    List<Status> out = new ArrayList<>();
    for (Entry e : configured.values()) {
      out.add(new Status(e.connector.name(), e.type, e.path.toString(), e.every, e.lastAttempt, e.lastSuccess,
          e.lastError, e.last));
    }
    return out;
  }

  /**
   * Connectors that have not synced when their schedule said they would, each in a sentence: no
   * success within two intervals and a minute's grace.
   */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    Instant now = clock.instant();
    for (Entry e : configured.values()) {
      if (e.every == null) {
        continue;
      }
      Duration allowed = e.every.multipliedBy(2).plusMinutes(1);
      Instant since = e.lastSuccess != null ? e.lastSuccess : startedAt;
      if (Duration.between(since, now).compareTo(allowed) > 0) {
        out.add("connector " + e.connector.name() + " (every " + e.every.toMillis() + " ms) has not synced "
            + (e.lastSuccess == null ? "since start-up" : "since " + e.lastSuccess)
            + (e.lastError == null ? "" : ": " + e.lastError));
      }
    }
    return out;
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * What one sync did.
   *
   * @param connector the connector's name
   * @param upserts new and changed documents sent
   * @param deletes deletions sent
   * @param jobs the jobs that carry them (none when nothing changed)
   * @param unreadable files skipped, with why
   * @param at when it ran
   */
  public record Sync(String connector, int upserts, int deletes, List<String> jobs, List<String> unreadable,
      Instant at) {}

  /**
   * A configured connector's state.
   *
   * @param every its schedule, or null for start-up only
   * @param lastAttempt when it last ran, or null
   * @param lastSuccess when it last synced, or null
   * @param lastError why its last run failed, or null
   * @param last what its last successful sync did, or null
   */
  public record Status(String name, String type, String path, Duration every, Instant lastAttempt,
      Instant lastSuccess, String lastError, Sync last) {}

  /** A connector and its schedule state; guarded by its own monitor while syncing. */
  private static final class Entry {
    final Connector connector;
    final String type;
    final Path path;
    final Duration every;
    final String stateKey;
    volatile Instant lastAttempt;
    volatile Instant lastSuccess;
    volatile String lastError;
    volatile Sync last;

    Entry(Connector connector, String type, Path path, Duration every, String stateKey) {
      this.connector = connector;
      this.type = type;
      this.path = path;
      this.every = every;
      this.stateKey = stateKey;
    }
  }
}
