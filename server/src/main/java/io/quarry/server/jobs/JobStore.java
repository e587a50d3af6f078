package io.quarry.server.jobs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable side of jobs, one directory:
 *
 * <ul>
 *   <li>{@code <id>.payload}: the accepted job, written and forced to disk before the client hears
 *       202. Its first line is the job as accepted (JSON), the rest the request body as sent. It
 *       is deleted once the job's final state is on disk.
 *   <li>{@code <id>.state}: the job's latest state: {@code running} when the worker takes it (not
 *       forced; progress is never written here, the index commit holds it, see {@link
 *       Checkpoint}), and its final state, forced.
 *   <li>{@code <id>.cancel}: present while a running job has been asked to stop.
 * </ul>
 *
 * <p>Every file is replaced atomically ({@link Durable}), so a crash leaves each either old or new.
 * Not thread-safe for one job id; the service writes each job from one thread at a time.
 */
final class JobStore {

  static final String PAYLOAD = ".payload";
  static final String STATE = ".state";
  static final String CANCEL = ".cancel";

  private final Path dir;
  private final ObjectMapper mapper = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private JobStore(Path dir) {
    this.dir = dir;
  }

  static JobStore open(Path dir) throws IOException {
    Files.createDirectories(dir);
    Durable.removeTemporaries(dir);
    return new JobStore(dir);
  }

  /** Makes an accepted job durable: once this returns, a crash cannot lose it. */
  void accept(Job job, byte[] body) throws IOException {
    byte[] header = mapper.writeValueAsBytes(JobFile.of(job));
    HeaderedFile.write(payload(job.id()), header, body);
  }

  /** The request body a job was accepted with. */
  byte[] body(String id) throws IOException {
    return HeaderedFile.body(payload(id));
  }

  /** Saves a snapshot; {@code sync} for final states. */
  void save(Job job, boolean sync) throws IOException {
    Durable.write(state(job.id()), sync, mapper.writeValueAsBytes(JobFile.of(job)));
  }

  /** A finished job's body is no longer needed: its final state must be saved first. */
  void dropPayload(String id) throws IOException {
    Durable.delete(payload(id), false);
    Durable.delete(dir.resolve(id + CANCEL), false);
  }

  /** Records, durably, that a running job was asked to stop: a restart then stops it too. */
  void requestCancel(String id) throws IOException {
    Durable.write(dir.resolve(id + CANCEL), true, new byte[0]);
  }

  boolean cancelRequested(String id) {
    return Files.exists(dir.resolve(id + CANCEL));
  }

  /** Forgets a finished job (pruning), and a finished job's cancel request. */
  void delete(String id) throws IOException {
    Durable.delete(payload(id), false);
    Durable.delete(state(id), false);
    Durable.delete(dir.resolve(id + CANCEL), false);
  }

  /** Whether a job still has its body (an unfinished job always does). */
  boolean hasPayload(String id) {
    return Files.exists(payload(id));
  }

  /** Every job on disk: its last saved state, else the state it was accepted in. */
  List<Job> load() throws IOException {
    Map<String, Path> states = new HashMap<>();
    Map<String, Path> payloads = new HashMap<>();
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(STATE)) {
          states.put(name.substring(0, name.length() - STATE.length()), p);
        } else if (name.endsWith(PAYLOAD)) {
          payloads.put(name.substring(0, name.length() - PAYLOAD.length()), p);
        }
      }
    }
    List<Job> jobs = new ArrayList<>();
    for (Path p : states.values()) {
      jobs.add(mapper.readValue(p.toFile(), JobFile.class).toJob());
    }
    for (Map.Entry<String, Path> e : payloads.entrySet()) {
      if (!states.containsKey(e.getKey())) { // never taken by the worker: as accepted
        jobs.add(readHeader(e.getValue()));
      }
    }
    return jobs;
  }


  private Job readHeader(Path p) throws IOException {
    return mapper.readValue(HeaderedFile.header(p), JobFile.class).toJob();
  }

  private Path payload(String id) {
    return dir.resolve(id + PAYLOAD);
  }

  private Path state(String id) {
    return dir.resolve(id + STATE);
  }

  /** The on-disk form of a {@link Job}: instants as epoch milliseconds. */
  record JobFile(String id, long seq, String origin, String state, JobCounts counts, StageTimes times,
      List<JobError> errors, Long enqueuedAt, Long startedAt, Long finishedAt, String idempotencyKey,
      String bodyHash) {

    static JobFile of(Job j) {
      return new JobFile(j.id(), j.seq(), j.origin(), j.state().wire(), j.counts(), j.times(), j.errors(),
          millis(j.enqueuedAt()), millis(j.startedAt()), millis(j.finishedAt()), j.idempotencyKey(),
          j.bodyHash());
    }

    Job toJob() {
      return new Job(id, seq, origin, JobState.parse(state), counts, times == null ? StageTimes.ZERO : times,
          errors == null ? List.of() : errors, instant(enqueuedAt), instant(startedAt), instant(finishedAt),
          idempotencyKey, bodyHash);
    }

    private static Long millis(Instant i) {
      return i == null ? null : i.toEpochMilli();
    }

    private static Instant instant(Long ms) {
      return ms == null ? null : Instant.ofEpochMilli(ms);
    }
  }
}
