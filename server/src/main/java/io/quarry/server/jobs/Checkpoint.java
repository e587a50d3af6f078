package io.quarry.server.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * How far the journal has been applied, stored in the index's commit data so that it is atomic
 * with the documents it describes (Elasticsearch keeps its translog checkpoint the same way).
 * The worker applies jobs one at a time, in order, and saves each job's final state before it
 * takes the next: so the checkpoint only needs to name the job in progress and how many of its
 * documents the commit holds. A restart skips those and replays exactly the rest.
 *
 * @param job the id of the job the last commit was applying
 * @param applied how many of its documents, from the start, the commit holds outcomes for
 * @param counts the job's counts as of that commit
 * @param times its stage times as of that commit
 * @param errors its first errors as of that commit
 */
record Checkpoint(String job, int applied, JobCounts counts, StageTimes times, List<JobError> errors) {

  /** The commit data key. */
  static final String KEY = "ingest.checkpoint";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  Map<String, String> toCommitData() {
    try {
      return Map.of(KEY, MAPPER.writeValueAsString(this));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the ingest checkpoint", e);
    }
  }

  /** The checkpoint in this commit data, or null when none was ever written. */
  static Checkpoint from(Map<String, String> commitData) {
    String json = commitData.get(KEY);
    if (json == null) {
      return null;
    }
    try {
      return MAPPER.readValue(json, Checkpoint.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the index's ingest checkpoint is unreadable: " + json, e);
    }
  }
}
