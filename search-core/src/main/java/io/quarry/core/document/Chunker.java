package io.quarry.core.document;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into passages of at most {@link ChunkerConfig#maxWords()} words, cutting between
 * sentences wherever possible, with about {@link ChunkerConfig#overlapWords()} words of overlap.
 *
 * <p>Sentences come from the JDK's {@link BreakIterator}; a sentence longer than a passage is cut
 * on word boundaries. Every document has at least one passage: blank text gives one empty passage
 * (the title alone then stands for the document). Passage text is always a substring of the input,
 * so offsets can be used for highlighting.
 *
 * <p>Thread-safe: holds only its immutable configuration. Cost is linear in the text length.
 */
public final class Chunker {

  private final ChunkerConfig config;

  public Chunker(ChunkerConfig config) {
    this.config = config;
  }

  public ChunkerConfig config() {
    return config;
  }

  /** Splits {@code text} into passages, in order. */
  public List<Passage> split(String text) {
    List<Span> units = units(text);
    List<Passage> out = new ArrayList<>();
    if (units.isEmpty()) {
      out.add(new Passage(0, 0, 0, ""));
      return out;
    }
    int first = 0;
    while (first < units.size()) {
      int last = first;
      int words = units.get(first).words;
      while (last + 1 < units.size() && words + units.get(last + 1).words <= config.maxWords()) {
        last++;
        words += units.get(last).words;
      }
      int start = units.get(first).start;
      int end = units.get(last).end;
      out.add(new Passage(out.size(), start, end, text.substring(start, end)));
      if (last + 1 >= units.size()) {
        break;
      }
      first = nextFirst(units, first, last);
    }
    return out;
  }

  /** Backs up from {@code last} while the carried-over words stay within the overlap. */
  private int nextFirst(List<Span> units, int first, int last) {
    int next = last + 1;
    int carried = 0;
    while (next - 1 > first && carried + units.get(next - 1).words <= config.overlapWords()) {
      next--;
      carried += units.get(next).words;
    }
    return next;
  }

  /** Sentences, with sentences longer than a passage cut into word windows. */
  private List<Span> units(String text) {
    List<Span> units = new ArrayList<>();
    BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
    sentences.setText(text);
    int start = sentences.first();
    for (int end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
      addSentence(text, trimStart(text, start, end), trimEnd(text, start, end), units);
    }
    return units;
  }

  private void addSentence(String text, int start, int end, List<Span> units) {
    if (start >= end) {
      return;
    }
    List<int[]> words = words(text, start, end);
    for (int i = 0; i < words.size(); i += config.maxWords()) {
      int j = Math.min(words.size(), i + config.maxWords());
      units.add(new Span(words.get(i)[0], words.get(j - 1)[1], j - i));
    }
  }

  private static List<int[]> words(String text, int start, int end) {
    List<int[]> words = new ArrayList<>();
    int i = start;
    while (i < end) {
      while (i < end && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int w = i;
      while (i < end && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i > w) {
        words.add(new int[] {w, i});
      }
    }
    return words;
  }

  private static int trimStart(String text, int start, int end) {
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    return start;
  }

  private static int trimEnd(String text, int start, int end) {
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  private record Span(int start, int end, int words) {}
}
