package io.quarry.graph.extract;

import io.quarry.core.document.Document;
import io.quarry.core.document.Passage;
import io.quarry.graph.model.Extraction;
import java.util.List;

/**
 * Reads entities and relations out of one document, passage by passage.
 *
 * <p>Implementations are thread-safe.
 */
public interface Extractor {

  /** Recorded in each {@link Extraction#extractor()}: {@code opennlp}, {@code ollama:<model>}. */
  String name();

  /**
   * Extracts one document.
   *
   * @param document the document (its title is an entity of its own; its date dates its facts)
   * @param contentHash the index's content hash for it, carried into the extraction
   * @param passages the document's passages as the index chunked them
   * @param titles the titles of documents the graph knows (keys): a passage that names one links
   *     to it
   * @throws ExtractionException when it cannot (an LLM that failed); the caller falls back
   */
  Extraction extract(Document document, String contentHash, List<Passage> passages, TitleDictionary titles);
}
