package io.quarry.graph.store;

import io.quarry.graph.model.EntityDetail;
import io.quarry.graph.model.EntitySummary;
import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.GraphStats;
import io.quarry.graph.model.LinkedEntity;
import io.quarry.graph.model.Subgraph;
import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A knowledge graph of entities, passages, mentions, relations and synonyms, updated one document
 * at a time (no rebuild) and searched one neighbourhood at a time.
 *
 * <p>The model:
 *
 * <ul>
 *   <li>an <b>entity</b> per key ({@link io.quarry.graph.model.EntityKeys}), with a name, a type
 *       and aliases (every other surface form seen);
 *   <li>a <b>passage</b> node per passage of a document ({@code documentId#ordinal});
 *   <li>a <b>mention</b> edge from a passage to each entity it names;
 *   <li>a <b>relation</b> edge between two entities for each passage that relates them, with that
 *       passage as its evidence and the document's date;
 *   <li>a <b>synonym</b> edge between near-identical entity names ({@link SynonymRule}).
 * </ul>
 *
 * <p>Putting a document replaces what it said before; deleting it removes its passages, mentions
 * and relations, and prunes the entities nothing mentions any more. Nothing is durable until
 * {@link #commit()}.
 *
 * <p>Implementations are thread-safe: writes are serialized, reads may run beside them.
 */
public interface GraphStore extends Closeable {

  /** A short name for stats and logs: {@code embedded}, {@code falkordb}. */
  String kind();

  /** Replaces everything the graph holds for {@code extraction.documentId()} with it. */
  void put(Extraction extraction) throws IOException;

  /**
   * Removes a document from the graph.
   *
   * @return false when the graph did not hold it
   */
  boolean delete(String documentId) throws IOException;

  /** Makes every put and delete so far durable. */
  void commit() throws IOException;

  /** The graph's size. */
  GraphStats stats() throws IOException;

  /**
   * How many passage nodes the graph holds: what the graph leg's gate asks on every request, so
   * it is cheap where {@link #stats()} counts every edge.
   */
  long passageCount() throws IOException;

  /** Every document the graph holds, with the content hash it was extracted from. */
  Map<String, String> documents() throws IOException;

  /** The entities among {@code keys} that the graph holds, by key; unknown keys are absent. */
  Map<String, LinkedEntity> link(Collection<String> keys) throws IOException;

  /**
   * The neighbourhood of the seeds: every node within {@code hops} edges of a seed entity or of a
   * passage of a seed document, nearest first, at most {@code maxNodes}, with every mention,
   * relation and synonym edge among them ({@link io.quarry.graph.model.EdgeWeights}). An entity
   * mentioned by more than {@code maxDegree} passages is a node but is not expanded (a hub says
   * little about any one passage and would pull in most of the graph). Seeds the graph does not
   * hold are ignored.
   *
   * @param entityKeys seed entities
   * @param documentIds seed documents: each of their passages is a seed at depth 0
   */
  Subgraph neighbourhood(Collection<String> entityKeys, Collection<String> documentIds, int hops,
      int maxNodes, int maxDegree) throws IOException;

  /** Entities whose name or alias contains {@code query} (case-insensitively), most mentioned first. */
  List<EntitySummary> searchEntities(String query, int limit) throws IOException;

  /** One entity with its neighbours, relations and documents (each list at most {@code limit}). */
  Optional<EntityDetail> entity(String key, int limit) throws IOException;
}
