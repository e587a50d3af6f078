package io.quarry.core.search;

import io.quarry.core.fusion.LegScore;
import io.quarry.core.document.PublishDate;
import java.util.Map;

/**
 * One ranked result: a document with its best passage (or a single passage in passage mode).
 *
 * @param id the document's external id
 * @param title document title
 * @param text the best passage of the document
 * @param passage 0-based ordinal of that passage in the document
 * @param date publish date, nullable
 * @param source source, nullable
 * @param url url, nullable
 * @param score the final (fused) score; higher is better
 * @param legs per-leg rank and raw score, for every leg that returned this document
 */
public record Hit(
    String id,
    String title,
    String text,
    int passage,
    PublishDate date,
    String source,
    String url,
    double score,
    Map<String, LegScore> legs) {

  public Hit {
    legs = legs == null ? Map.of() : Map.copyOf(legs);
  }

  /** What a cross-encoder reads for this hit: {@link #rerankText(String, String)} of its title and passage. */
  public String rerankText() {
    return rerankText(title, text);
  }

  /** What a cross-encoder reads: the title, a newline, the text; the text alone without a title. */
  public static String rerankText(String title, String text) {
    String t = text == null ? "" : text;
    return title == null || title.isBlank() ? t : title + "\n" + t;
  }
}
