package io.quarry.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.server.Startup;
import io.quarry.server.connectors.Connectors;
import io.quarry.server.jobs.DeadLetter;
import io.quarry.server.jobs.IngestService;
import io.quarry.server.jobs.Job;
import io.quarry.server.jobs.JobState;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/ingest}, {@code /v1/jobs} and {@code /v1/dead-letters}: asynchronous ingestion.
 * The shapes are in the README's API section.
 */
public final class JobRoutes {

  /** Longest accepted {@code Idempotency-Key}; the IETF draft leaves it to the server. */
  static final int MAX_KEY_LENGTH = 255;

  private final Startup startup;
  private final ObjectMapper mapper;
  private final int maxDocuments;

  public JobRoutes(Startup startup, ObjectMapper mapper, int maxDocuments) {
    this.startup = startup;
    this.mapper = mapper;
    this.maxDocuments = maxDocuments;
  }

  /** 202 with the job once its body is on disk; 429 when the queue is full. */
  public void submit(Context ctx) throws IOException {
    long start = System.nanoTime();
    IngestService ingest = ingest();
    byte[] body = Bodies.bytes(ctx);
    long read = System.nanoTime();
    IngestBody parsed = mapper.readValue(body, IngestBody.class);
    if (parsed == null) {
      throw new BadRequest("the request body is null: send {\"documents\": [...]}");
    }
    if (parsed.source() != null) {
      if (parsed.documents() != null || parsed.delete() != null) {
        throw new BadRequest("field 'source' comes alone: send either a source or documents and deletions");
      }
      syncSource(ctx, parsed.source());
      return;
    }
    var batch = parsed.toBatch(maxDocuments);
    long validated = System.nanoTime();
    IngestService.Submission s = ingest.submit(body, batch, idempotencyKey(ctx), "api");
    long journaled = System.nanoTime();
    Map<String, Object> out = new LinkedHashMap<>();
    if (s.repeat()) {
      out.put("idempotent_repeat", true);
    }
    out.putAll(json(s.job(), ingest));
    // the whole accept first, then its phases: reading the body, parsing and validating it, and
    // forcing it to disk (W3C Server-Timing)
    ctx.header("Server-Timing", String.format(java.util.Locale.ROOT,
        "accept;dur=%.2f, read;dur=%.2f, parse;dur=%.2f, journal;dur=%.2f", (System.nanoTime() - start) / 1e6,
        (read - start) / 1e6, (validated - read) / 1e6, (journaled - validated) / 1e6));
    accepted(ctx, s.job().id(), ingest.pollAfter(s.job()).toSeconds(), out);
  }

  /**
   * Answers 202 for a job: {@code job} and {@code location} first, then {@code fields}, with the
   * {@code Location} and {@code Retry-After} headers.
   */
  static void accepted(Context ctx, String job, long retryAfterSeconds, Map<String, Object> fields) {
    String location = "/v1/jobs/" + job;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("job", job);
    out.put("location", location);
    fields.forEach(out::putIfAbsent);
    ctx.status(202).header("Location", location).header("Retry-After", Long.toString(retryAfterSeconds));
    ctx.json(out);
  }

  public void get(Context ctx) {
    IngestService ingest = ingest();
    Job j = ingest.job(ctx.pathParam("id")).orElseThrow(() -> notFound(ctx.pathParam("id")));
    if (!j.state().finished()) {
      ctx.header("Retry-After", Long.toString(ingest.pollAfter(j).toSeconds()));
    }
    ctx.json(json(j, ingest));
  }

  /** {@code GET /v1/jobs?state=queued,running&limit=50}: newest first. */
  public void list(Context ctx) {
    IngestService ingest = ingest();
    Set<JobState> states = EnumSet.noneOf(JobState.class);
    String param = ctx.queryParam("state");
    if (param != null && !param.isBlank()) {
      for (String s : param.split(",")) {
        try {
          states.add(JobState.parse(s.trim()));
        } catch (IllegalArgumentException e) {
          throw new BadRequest("query parameter 'state': " + e.getMessage());
        }
      }
    }
    int limit = Params.limit(ctx, 50, 1000);
    ctx.json(Map.of("jobs", ingest.jobs(states, limit).stream().map(j -> json(j, ingest)).toList()));
  }

  /** 200 cancelled (was queued), 202 cancelling (was running), 409 already finished. */
  public void cancel(Context ctx) throws IOException {
    IngestService ingest = ingest();
    String id = ctx.pathParam("id");
    IngestService.Cancel c = ingest.cancel(id).orElseThrow(() -> notFound(id));
    if (!c.accepted()) {
      throw new HttpResponseException(409, "job " + id + " already " + c.job().state().wire()
          + ": only a queued or running job can be cancelled");
    }
    Map<String, Object> out = json(c.job(), ingest);
    if (!c.job().state().finished()) {
      out.put("cancel_requested", true);
      ctx.status(202);
    }
    ctx.json(out);
  }

  /** {@code GET /v1/dead-letters?limit=100}: the oldest first, with the total. */
  public void deadLetters(Context ctx) {
    IngestService ingest = ingest();
    int limit = Params.limit(ctx, 100, 10_000);
    List<Map<String, Object>> letters = ingest.deadLetters(limit).stream().map(JobRoutes::json).toList();
    ctx.json(Map.of("total", ingest.stats().deadLetters(), "dead_letters", letters));
  }

  /**
   * {@code POST /v1/dead-letters/replay}, optionally {@code {"limit": n}}: 202 with the job that
   * retries them, or 200 with {@code replayed: 0} when there are none.
   */
  public void replay(Context ctx) throws IOException {
    IngestService ingest = ingest();
    int limit = 10_000;
    byte[] body = ctx.bodyAsBytes();
    if (body.length > 0) {
      ReplayBody r = mapper.readValue(body, ReplayBody.class);
      if (r != null && r.limit() != null) {
        if (r.limit() < 1 || r.limit() > maxDocuments) {
          throw new BadRequest("field 'limit' is " + r.limit() + ", must be in 1.." + maxDocuments);
        }
        limit = r.limit();
      }
    }
    limit = Math.min(limit, maxDocuments);
    var s = ingest.replayDeadLetters(limit);
    if (s.isEmpty()) {
      ctx.json(Map.of("replayed", 0));
      return;
    }
    Job j = s.get().job();
    accepted(ctx, j.id(), 1, Map.of("replayed", j.counts().total()));
  }

  /** A connector source: its changes since the path's last sync, as jobs. */
  private void syncSource(Context ctx, IngestBody.SourceBody source) throws IOException {
    Connectors.Sync sync;
    try {
      sync = startup.engine().connectors().syncSource(source.type(), source.path());
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
    Map<String, Object> out = ConnectorRoutes.json(sync);
    if (sync.jobs().isEmpty()) {
      ctx.json(out); // nothing changed since the last sync: no job
      return;
    }
    accepted(ctx, sync.jobs().getFirst(), 1, out);
  }

  /** The body of a replay request. */
  record ReplayBody(Integer limit) {}

  private IngestService ingest() {
    IngestService ingest = startup.engine().ingest();
    if (ingest == null) {
      throw new HttpResponseException(404, "asynchronous ingestion is off (ingest.enabled=false):"
          + " use POST /v1/documents");
    }
    return ingest;
  }

  private static String idempotencyKey(Context ctx) {
    String key = ctx.header("Idempotency-Key");
    if (key == null) {
      return null;
    }
    // The draft makes the key a structured-field string: quoted; accept it bare too.
    if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
      key = key.substring(1, key.length() - 1);
    }
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw new BadRequest("header 'Idempotency-Key' must be 1 to " + MAX_KEY_LENGTH
          + " printable ASCII characters without spaces, such as a UUID");
    }
    return key;
  }

  private static HttpResponseException notFound(String id) {
    return new HttpResponseException(404, "no job with id '" + id + "' (finished jobs are pruned after"
        + " ingest.jobs.retention_hours, or past ingest.jobs.max_finished)");
  }

  static Map<String, Object> json(Job j, IngestService ingest) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", j.id());
    out.put("state", j.state().wire());
    out.put("origin", j.origin());
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("total", j.counts().total());
    counts.put("indexed", j.counts().indexed());
    counts.put("unchanged", j.counts().unchanged());
    counts.put("failed", j.counts().failed());
    counts.put("deleted", j.counts().deleted());
    out.put("counts", counts);
    out.put("passages", j.counts().passages());
    out.put("progress", Math.round(j.progress() * 1000) / 1000.0);
    out.put("enqueued_at", j.enqueuedAt().toString());
    out.put("started_at", j.startedAt() == null ? null : j.startedAt().toString());
    out.put("finished_at", j.finishedAt() == null ? null : j.finishedAt().toString());
    out.put("timings_ms", Map.of("embed", j.times().embed() / 1_000_000, "extract", j.times().extract() / 1_000_000,
        "index", j.times().index() / 1_000_000));
    out.put("errors", j.errors().stream().map(e -> Map.of("id", e.id(), "reason", e.reason())).toList());
    if (!j.state().finished()) {
      out.put("poll_after_ms", ingest.pollAfter(j).toMillis());
    }
    return out;
  }

  private static Map<String, Object> json(DeadLetter l) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", l.id());
    out.put("job", l.job());
    out.put("reason", l.reason());
    out.put("attempts", l.attempts());
    out.put("failed_at", l.failedAt().toString());
    return out;
  }
}
