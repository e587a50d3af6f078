package io.quarry.graph.store;

import io.quarry.graph.model.EdgeWeights;
import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.Fact;
import io.quarry.graph.model.Mention;
import io.quarry.graph.model.PassageFacts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one put writes, worked out in Java from what the graph holds before it, so that the write
 * itself is one atomic query of {@code UNWIND}s ({@link FalkorGraphStore}).
 *
 * <p>The rules are the embedded store's: a passage names each entity once and relates only
 * entities it names (not itself); an entity's name is its first surface form, until a
 * {@link Mention#TITLE} mention arrives, which takes over the name (the old one becomes an alias);
 * every other surface form is an alias, kept while the entity lives. An entity that only the
 * replaced version of the document mentioned starts afresh. A new entity gets a synonym edge to
 * each entity that shares a {@link SynonymRule#tokens token} with it and is
 * {@link SynonymRule#similar similar}.
 *
 * <p>Not thread-safe; one per put, under the store's write lock.
 */
final class FalkorPut {

  /** An entity as the graph holds it before the put. */
  record Existing(String name, String type, List<String> aliases, long passages) {}

  /** Passage id -> its ordinal, in the extraction's order (a repeated ordinal is merged). */
  private final Map<String, Integer> passages = new LinkedHashMap<>();
  /** Passage id -> entity keys it names, each once. */
  private final Map<String, Set<String>> named = new LinkedHashMap<>();
  /** Passage id -> its relations as [source, target, type], each once. */
  private final Map<String, Set<List<String>>> related = new LinkedHashMap<>();
  /** Key -> its mentions in this document, in order. */
  private final Map<String, List<Mention>> mentions = new LinkedHashMap<>();
  private final Map<String, Existing> existing;
  private final Set<String> oldKeys;
  /** Keys the graph holds but only through the version this put replaces. */
  private final Set<String> fresh = new LinkedHashSet<>();

  /**
   * @param extraction the new version, or null for a delete
   * @param existing the entities among the new version's keys that the graph holds
   * @param oldMentions per key the old version mentions, how many of its passages do
   */
  /** The key of the document's own title: a passage's mention of it weighs {@link EdgeWeights#OWN_TITLE}. */
  private final String titleKey;

  FalkorPut(Extraction extraction, Map<String, Existing> existing, Map<String, Long> oldMentions) {
    this.titleKey = extraction == null ? "" : io.quarry.graph.model.EntityKeys.of(extraction.title());
    this.existing = existing;
    this.oldKeys = oldMentions.keySet();
    if (extraction == null) {
      return;
    }
    for (PassageFacts p : extraction.passages()) {
      String id = PassageFacts.passageId(extraction.documentId(), p.ordinal());
      passages.putIfAbsent(id, p.ordinal());
      Set<String> keys = named.computeIfAbsent(id, k -> new LinkedHashSet<>());
      for (Mention m : p.mentions()) {
        if (keys.add(m.key())) {
          mentions.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m);
        }
      }
      Set<List<String>> facts = related.computeIfAbsent(id, k -> new LinkedHashSet<>());
      for (Fact f : p.facts()) {
        if (!f.source().equals(f.target()) && keys.contains(f.source()) && keys.contains(f.target())) {
          facts.add(List.of(f.source(), f.target(), f.type()));
        }
      }
    }
    for (String key : mentions.keySet()) {
      Existing e = existing.get(key);
      if (e != null && e.passages() <= oldMentions.getOrDefault(key, 0L)) {
        // only the replaced version named it: the embedded store prunes and recreates it
        fresh.add(key);
      }
    }
  }

  /** Keys of the new version the graph does not hold yet (they need synonym edges). */
  List<String> newKeys() {
    return mentions.keySet().stream().filter(k -> !existing.containsKey(k)).toList();
  }

  /** The tokens of {@link #newKeys()}, to look synonym candidates up by. */
  List<String> newTokens() {
    Set<String> out = new TreeSet<>();
    for (String k : newKeys()) {
      out.addAll(SynonymRule.tokens(k));
    }
    return List.copyOf(out);
  }

  /** Every key whose passage count may change: the old version's and the new one's. */
  List<String> touched() {
    Set<String> out = new LinkedHashSet<>(oldKeys);
    out.addAll(mentions.keySet());
    return List.copyOf(out);
  }

  /** {@code {key, name, type, aliases, lower, tokens}} for each key the new version names. */
  List<Map<String, Object>> entities() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<String, List<Mention>> e : mentions.entrySet()) {
      String key = e.getKey();
      Existing before = fresh.contains(key) ? null : existing.get(key);
      List<Mention> ms = e.getValue();
      String name = before == null ? ms.get(0).name() : before.name();
      String type = before == null ? ms.get(0).type() : before.type();
      List<String> aliases = before == null ? new ArrayList<>() : new ArrayList<>(before.aliases());
      for (Mention m : before == null ? ms.subList(1, ms.size()) : ms) {
        if (m.type().equals(Mention.TITLE) && !Mention.TITLE.equals(type)) {
          // a document's title names the entity best: it becomes the name, the old one an alias
          addAlias(aliases, name, m.name());
          name = m.name();
          type = Mention.TITLE;
          aliases.remove(name);
        } else {
          addAlias(aliases, m.name(), name);
        }
      }
      Set<String> lower = new LinkedHashSet<>();
      lower.add(key);
      lower.add(name.toLowerCase(Locale.ROOT));
      aliases.forEach(a -> lower.add(a.toLowerCase(Locale.ROOT)));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("key", key);
      row.put("name", name);
      row.put("type", type);
      row.put("aliases", aliases);
      row.put("lower", List.copyOf(lower));
      row.put("tokens", List.copyOf(new TreeSet<>(SynonymRule.tokens(key))));
      out.add(row);
    }
    return out;
  }

  private static void addAlias(List<String> aliases, String alias, String name) {
    if (!alias.equals(name) && !aliases.contains(alias)) {
      aliases.add(alias);
    }
  }

  /** {@code {id, ordinal}} per passage. */
  List<Map<String, Object>> passages() {
    List<Map<String, Object>> out = new ArrayList<>();
    passages.forEach((id, ordinal) -> out.add(Map.of("id", id, "ordinal", ordinal)));
    return out;
  }

  /** {@code [passage id, entity key]} per mention. */
  /** {@code [passage id, entity key, "own"|""]}: "own" marks the passage's own title. */
  List<List<String>> mentions() {
    List<List<String>> out = new ArrayList<>();
    named.forEach((id, keys) -> keys.forEach(k -> out.add(List.of(id, k,
        k.equals(titleKey) ? "own" : ""))));
    return out;
  }

  /** {@code {s, t, type, p, o}} per relation and evidence passage. */
  List<Map<String, Object>> relations() {
    List<Map<String, Object>> out = new ArrayList<>();
    related.forEach((id, facts) -> {
      for (List<String> f : facts) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("s", f.get(0));
        row.put("t", f.get(1));
        row.put("type", f.get(2));
        row.put("p", id);
        row.put("o", passages.get(id));
        out.add(row);
      }
    });
    return out;
  }

  /**
   * {@code [a, b]} (a before b) per synonym edge a new key gets: to the {@code candidates} (keys
   * the graph holds that share a token with some new key) and to the new keys before it, that
   * share a token with it and are similar.
   */
  List<List<String>> synonyms(Collection<String> candidates) {
    Map<String, List<String>> byToken = new HashMap<>();
    for (String c : candidates) {
      SynonymRule.tokens(c).forEach(t -> byToken.computeIfAbsent(t, x -> new ArrayList<>()).add(c));
    }
    Set<List<String>> out = new LinkedHashSet<>();
    for (String key : newKeys()) {
      Set<String> seen = new HashSet<>();
      Set<String> tokens = SynonymRule.tokens(key);
      for (String t : tokens) {
        for (String other : byToken.getOrDefault(t, List.of())) {
          if (seen.add(other) && SynonymRule.similar(key, other)) {
            out.add(key.compareTo(other) < 0 ? List.of(key, other) : List.of(other, key));
          }
        }
      }
      for (String t : tokens) {
        byToken.computeIfAbsent(t, x -> new ArrayList<>()).add(key);
      }
    }
    return List.copyOf(out);
  }
}
