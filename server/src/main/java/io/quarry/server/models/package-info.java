/**
 * Fetching cross-encoder checkpoints from a Hugging Face hub for {@code rerank.model}: {@link
 * io.quarry.server.models.HubClient} (the HTTP exchanges of the hub's {@code resolve} layout) and
 * {@link io.quarry.server.models.ModelPull} (which files, resuming, checksums, moving into place,
 * the provenance record). The command line's {@code quarry models pull} drives them.
 */
package io.quarry.server.models;
