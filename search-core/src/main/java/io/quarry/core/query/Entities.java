package io.quarry.core.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Named-entity spans by casing alone: maximal runs of capitalised tokens, which may be joined by
 * lower-case name words ("Bank of England"). A capitalised first word that is a question word or
 * stop word ("What", "The") does not start an entity. Good enough to split questions; not a NER.
 */
final class Entities {

  private Entities() {}

  static List<String> find(List<String> tokens) {
    Set<String> out = new LinkedHashSet<>();
    int i = 0;
    while (i < tokens.size()) {
      String t = tokens.get(i);
      if (!Words.isCapitalized(t) || Words.isStop(t)) {
        i++;
        continue;
      }
      int end = i + 1;
      int lastCap = i;
      while (end < tokens.size()) {
        String n = tokens.get(end);
        if (Words.isCapitalized(n) && !Words.isStop(n)) {
          lastCap = end;
          end++;
        } else if (Words.NAME_JOINERS.contains(n) && end + 1 < tokens.size()
            && Words.isCapitalized(tokens.get(end + 1))) {
          end++;
        } else {
          break;
        }
      }
      List<String> span = tokens.subList(i, lastCap + 1);
      boolean tooThin = span.size() == 1
          && (Character.isDigit(span.get(0).codePointAt(0)) || span.get(0).length() < 2);
      if (!tooThin) { // a bare number or a single letter ("C major") names nothing
        out.add(String.join(" ", span));
      }
      i = lastCap + 1;
    }
    return new ArrayList<>(out);
  }
}
