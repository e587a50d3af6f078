package io.quarry.graph.extract;

import io.quarry.core.document.Document;
import io.quarry.core.document.Passage;
import io.quarry.graph.model.EntityKeys;
import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.Fact;
import io.quarry.graph.model.Mention;
import io.quarry.graph.model.PassageFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Links a document declares: the titles in its {@value #FACET} facet (a note's {@code [[wiki
 * links]]}, as the directory connector reads them) become title mentions of the passage that
 * names them (the first passage when none does) and {@value #TYPE} relations from the document's
 * own title. Explicit links are the strongest multi-hop signal a vault has, so they are not left
 * to the extractor finding the title in the text.
 */
public final class DocumentLinks {

  /** The facet that holds a document's link targets. */
  public static final String FACET = "links";
  /** The relation type of a declared link. */
  public static final String TYPE = "links_to";

  private DocumentLinks() {}

  /** {@code e} with {@code d}'s declared links added; {@code e} itself when it declares none. */
  public static Extraction add(Extraction e, Document d, List<Passage> passages) {
    List<String> targets = d.facets().getOrDefault(FACET, List.of());
    if (targets.isEmpty() || e.passages().isEmpty()) {
      return e;
    }
    String own = EntityKeys.of(d.title());
    Map<Integer, List<Mention>> mentions = new LinkedHashMap<>();
    Map<Integer, List<Fact>> facts = new LinkedHashMap<>();
    for (PassageFacts p : e.passages()) {
      mentions.put(p.ordinal(), new ArrayList<>(p.mentions()));
      facts.put(p.ordinal(), new ArrayList<>(p.facts()));
    }
    int first = e.passages().getFirst().ordinal();
    for (String target : targets) {
      String key = EntityKeys.of(target);
      if (key.isEmpty() || key.equals(own)) {
        continue;
      }
      int at = first;
      String needle = target.toLowerCase(Locale.ROOT);
      for (Passage p : passages) {
        if (mentions.containsKey(p.ordinal()) && p.text().toLowerCase(Locale.ROOT).contains(needle)) {
          at = p.ordinal();
          break;
        }
      }
      List<Mention> ms = mentions.get(at);
      ms.removeIf(m -> m.key().equals(key)); // a title mention outranks what the extractor saw
      ms.add(new Mention(key, target, Mention.TITLE));
      if (!own.isEmpty()) {
        facts.get(at).add(new Fact(own, key, TYPE));
      }
    }
    List<PassageFacts> out = new ArrayList<>();
    for (PassageFacts p : e.passages()) {
      out.add(new PassageFacts(p.ordinal(), mentions.get(p.ordinal()), facts.get(p.ordinal())));
    }
    return new Extraction(e.documentId(), e.contentHash(), e.title(), e.date(), e.extractor(), out);
  }
}
