package io.quarry.server.http;

import io.quarry.core.document.Document;
import io.quarry.core.document.PublishDate;
import java.util.List;
import java.util.Map;

/** One document in a request body, as sent. */
public record DocumentBody(
    String id,
    String title,
    String text,
    String date,
    String source,
    String url,
    Map<String, List<String>> facets) {

  /**
   * Validates and converts.
   *
   * @param where the field path to name in errors, e.g. {@code documents[3]}
   * @throws BadRequest naming the bad field
   */
  public Document toDocument(String where) {
    if (id == null || id.isBlank()) {
      throw new BadRequest("field '" + where + ".id' is required and must not be blank");
    }
    if ((title == null || title.isBlank()) && (text == null || text.isBlank())) {
      throw new BadRequest("field '" + where + ".text' is required when there is no title: "
          + "document '" + id + "' has neither");
    }
    PublishDate published = null;
    if (date != null && !date.isBlank()) {
      try {
        published = PublishDate.parse(date);
      } catch (IllegalArgumentException e) {
        throw new BadRequest("field '" + where + ".date' is '" + date
            + "', must be YYYY-MM-DD or an ISO-8601 date-time such as 2023-06-16T14:03:00Z");
      }
    }
    try {
      return new Document(id, title, text, source, published, url, facets);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("field '" + where + "': " + e.getMessage());
    }
  }

  /** The wire form of a stored document. */
  public static DocumentBody of(Document d) {
    return new DocumentBody(d.id(), d.title(), d.text(), d.date() == null ? null : d.date().toString(),
        d.source(), d.url(), d.facets().isEmpty() ? null : d.facets());
  }
}
