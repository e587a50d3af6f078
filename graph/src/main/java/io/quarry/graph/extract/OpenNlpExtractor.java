package io.quarry.graph.extract;

import io.quarry.core.document.Document;
import io.quarry.core.document.Passage;
import io.quarry.graph.model.EntityKeys;
import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.Fact;
import io.quarry.graph.model.Mention;
import io.quarry.graph.model.PassageFacts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.tokenize.TokenizerME;

/**
 * The default extractor, with no LLM and no network: OpenNLP's sentence detector, tokenizer and
 * universal POS tagger, then {@link PhraseGrammar} for noun and proper-noun phrases. Per passage:
 *
 * <ul>
 *   <li>the document's own title is a {@link Mention#TITLE} mention of every passage;
 *   <li>a span that is another document's title ({@link TitleDictionary}) is a title mention;
 *   <li>every other phrase is a {@link Mention#PROPER} or {@link Mention#NOUN} mention;
 *   <li>two entities named in one sentence are related ({@link Fact#CO_OCCURS}), at most {@link
 *       #MAX_PER_SENTENCE} per sentence so a list-like sentence adds no quadratic noise.
 * </ul>
 *
 * <p>Thread-safe: OpenNLP's models are shared, its taggers (not thread-safe) are pooled.
 */
public final class OpenNlpExtractor implements Extractor {

  static final int MAX_PER_SENTENCE = 8;

  private final Pool<Pipeline> pipelines;

  public OpenNlpExtractor(OpenNlpModels models) {
    this.pipelines = new Pool<>(() -> new Pipeline(new SentenceDetectorME(models.sentences()),
        new TokenizerME(models.tokens()), new POSTaggerME(models.pos())));
  }

  /** The extractor over the English models on the classpath. */
  public static OpenNlpExtractor english() {
    return new OpenNlpExtractor(OpenNlpModels.english());
  }

  private record Pipeline(SentenceDetectorME sentences, TokenizerME tokens, POSTaggerME pos) {}

  @Override
  public String name() {
    return "opennlp";
  }

  @Override
  public Extraction extract(Document document, String contentHash, List<Passage> passages, TitleDictionary titles) {
    return pipelines.with(p -> extract(p, document, contentHash, passages, titles));
  }

  private Extraction extract(Pipeline p, Document document, String contentHash, List<Passage> passages,
      TitleDictionary titles) {
    Mention own = Mention.ownTitle(document.title());
    List<PassageFacts> out = new ArrayList<>(passages.size());
    for (Passage passage : passages) {
      Map<String, Mention> mentions = new LinkedHashMap<>();
      if (own != null) {
        mentions.put(own.key(), own);
      }
      Map<String, Fact> facts = new LinkedHashMap<>();
      for (String sentence : p.sentences().sentDetect(passage.text())) {
        String[] tokens = p.tokens().tokenize(sentence);
        if (tokens.length == 0) {
          continue;
        }
        List<Mention> inSentence = mentions(tokens, p.pos().tag(tokens), titles);
        List<String> keys = new ArrayList<>();
        for (Mention m : inSentence) {
          Mention known = mentions.putIfAbsent(m.key(), m);
          if (known != null && !known.type().equals(Mention.TITLE) && m.type().equals(Mention.TITLE)) {
            mentions.put(m.key(), m);
          }
          if (!keys.contains(m.key()) && keys.size() < MAX_PER_SENTENCE) {
            keys.add(m.key());
          }
        }
        for (int a = 0; a < keys.size(); a++) {
          for (int b = a + 1; b < keys.size(); b++) {
            String x = keys.get(a);
            String y = keys.get(b);
            String lo = x.compareTo(y) < 0 ? x : y;
            String hi = lo == x ? y : x;
            facts.putIfAbsent(lo + "\u0000" + hi, new Fact(lo, hi, Fact.CO_OCCURS));
          }
        }
      }
      out.add(new PassageFacts(passage.ordinal(), List.copyOf(mentions.values()), List.copyOf(facts.values())));
    }
    return new Extraction(document.id(), contentHash, document.title(),
        document.date() == null ? null : document.date().day(), name(), out);
  }

  /** The mentions of one tagged sentence: title spans first, then the grammar's phrases outside them. */
  static List<Mention> mentions(String[] tokens, String[] tags, TitleDictionary titles) {
    List<Mention> out = new ArrayList<>();
    boolean[] taken = new boolean[tokens.length];
    for (int[] span : titles.find(Arrays.asList(tokens))) {
      out.add(mention(tokens, span[0], span[1], Mention.TITLE));
      Arrays.fill(taken, span[0], span[1], true);
    }
    for (PhraseGrammar.Phrase ph : PhraseGrammar.phrases(tokens, tags)) {
      if (overlaps(taken, ph.start(), ph.end())) {
        continue;
      }
      Mention m = mention(tokens, ph.start(), ph.end(), ph.proper() ? Mention.PROPER : Mention.NOUN);
      if (m != null) {
        out.add(titles.contains(m.key()) ? new Mention(m.key(), m.name(), Mention.TITLE) : m);
      }
    }
    out.removeIf(m -> m == null);
    return out;
  }

  private static boolean overlaps(boolean[] taken, int start, int end) {
    for (int i = start; i < end; i++) {
      if (taken[i]) {
        return true;
      }
    }
    return false;
  }

  private static Mention mention(String[] tokens, int start, int end, String type) {
    String name = String.join(" ", Arrays.copyOfRange(tokens, start, end));
    String key = EntityKeys.of(name);
    return key.isEmpty() ? null : new Mention(key, name, type);
  }
}
