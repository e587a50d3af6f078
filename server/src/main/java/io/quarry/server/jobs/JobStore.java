package io.quarry.server.jobs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 *   <li>{@code <id>.state}: the job's latest snapshot. Progress snapshots are not forced (the index
 *       commit holds the authoritative progress, see {@link Checkpoint}); final states are.
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
    Durable.write(payload(job.id()), true, header, new byte[] {'\n'}, body);
  }

  /** The request body a job was accepted with. */
  byte[] body(String id) throws IOException {
    byte[] all = Files.readAllBytes(payload(id));
    int nl = indexOf(all, (byte) '\n');
    return Arrays.copyOfRange(all, nl + 1, all.length);
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
    Map<String, Job> jobs = new HashMap<>();
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(PAYLOAD)) {
          jobs.putIfAbsent(name.substring(0, name.length() - PAYLOAD.length()), readHeader(p));
        }
      }
    }
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(STATE)) {
          jobs.put(name.substring(0, name.length() - STATE.length()),
              mapper.readValue(p.toFile(), JobFile.class).toJob());
        }
      }
    }
    return new ArrayList<>(jobs.values());
  }

  private Job readHeader(Path p) throws IOException {
    byte[] all = Files.readAllBytes(p);
    int nl = indexOf(all, (byte) '\n');
    return mapper.readValue(new String(all, 0, nl, StandardCharsets.UTF_8), JobFile.class).toJob();
  }

  private static int indexOf(byte[] a, byte b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    throw new IllegalStateException("a job payload without its header line");
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
