package io.quarry.graph.model;

import java.util.List;

/**
 * What one passage of a document says: the entities it names and the relations it states.
 *
 * @param ordinal the passage's ordinal in its document, as the index numbers it
 * @param mentions each entity key at most once
 * @param facts relations whose both ends are among {@code mentions}
 */
public record PassageFacts(int ordinal, List<Mention> mentions, List<Fact> facts) {
  public PassageFacts {
    mentions = List.copyOf(mentions);
    facts = List.copyOf(facts);
  }

  /** The passage node's id: {@code documentId#ordinal}. */
  public static String passageId(String documentId, int ordinal) {
    return documentId + "#" + ordinal;
  }

  /** The document id of a passage node id. */
  public static String documentOf(String passageId) {
    return passageId.substring(0, passageId.lastIndexOf('#'));
  }
}
