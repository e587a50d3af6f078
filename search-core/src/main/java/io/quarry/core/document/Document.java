package io.quarry.core.document;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A document as clients send it: the unit of upsert and delete.
 *
 * <p>Only {@code id} and {@code text} are required. Facets are exact-match string fields (for
 * example {@code "lang": ["en"]}); a facet may hold several values.
 *
 * @param id external id, unique in the index; re-sending a document with the same id replaces it
 * @param title title, may be empty
 * @param text body text
 * @param source where the document comes from (a feed, a site), exact-match filterable; nullable
 * @param date publish date; nullable (undated)
 * @param url link to the original; nullable
 * @param facets exact-match string fields; never null, may be empty
 */
public record Document(
    String id,
    String title,
    String text,
    String source,
    PublishDate date,
    String url,
    Map<String, List<String>> facets) {

  /** Longest accepted id, in characters. */
  public static final int MAX_ID_LENGTH = 512;

  public Document {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("illegal id: must not be blank");
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          "illegal id: " + id.length() + " characters, must be at most " + MAX_ID_LENGTH);
    }
    title = title == null ? "" : title;
    text = text == null ? "" : text;
    if (title.isBlank() && text.isBlank()) {
      throw new IllegalArgumentException("illegal document '" + id + "': title and text are both empty");
    }
    facets = facets == null ? Map.of() : copyFacets(facets);
  }

  /** A document with only the required parts. */
  public static Document of(String id, String title, String text) {
    return new Document(id, title, text, null, null, null, Map.of());
  }

  /** Returns a copy with the given publish date. */
  public Document withDate(PublishDate newDate) {
    return new Document(id, title, text, source, newDate, url, facets);
  }

  /** Returns a copy with the given source. */
  public Document withSource(String newSource) {
    return new Document(id, title, text, newSource, date, url, facets);
  }

  private static Map<String, List<String>> copyFacets(Map<String, List<String>> facets) {
    Map<String, List<String>> copy = new TreeMap<>();
    facets.forEach((k, v) -> {
      if (k == null || k.isBlank()) {
        throw new IllegalArgumentException("illegal facet name: must not be blank");
      }
      copy.put(k, List.copyOf(v));
    });
    return java.util.Collections.unmodifiableMap(copy);
  }
}
