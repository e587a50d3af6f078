package io.quarry.server.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarry.core.document.Document;
import io.quarry.core.document.PublishDate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A markdown or text note as a document, the way an Obsidian-style vault writes them:
 *
 * <ul>
 *   <li>YAML front matter between {@code ---} lines: {@code title}, {@code date} and {@code tags}
 *       (a list or a comma-separated string) become the title, the date and the {@code tags}
 *       facet;
 *   <li>without a front-matter title, the file name without its extension is the title (a wiki
 *       link names a note by it);
 *   <li>{@code [[Target]]}, {@code [[Target|shown]]} and {@code [[Target#heading]]} become their
 *       shown text in the document's text, and the targets its {@code links} facet, which the
 *       knowledge graph turns into relations between the notes.
 * </ul>
 */
public final class MarkdownNote {

  /** The facet wiki links go to, which the graph reads. */
  public static final String LINKS = io.quarry.graph.extract.DocumentLinks.FACET;
  public static final String TAGS = "tags";

  private static final Pattern WIKI_LINK = Pattern.compile("\\[\\[([^\\]|#]+)(?:#[^\\]|]*)?(?:\\|([^\\]]+))?]]");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private MarkdownNote() {}

  /**
   * @param id the document id
   * @param fileName the file's name, for the default title
   * @param source the document's source (the connector's name)
   * @param content the file's text
   * @throws IllegalArgumentException when the front matter is not valid YAML or its date is not a
   *     date
   */
  public static Document parse(String id, String fileName, String source, String content) {
    String body = content.replace("\r\n", "\n");
    Map<String, JsonNode> front = new LinkedHashMap<>();
    if (body.startsWith("---\n")) {
      int end = body.indexOf("\n---", 3);
      if (end > 0) {
        String yaml = body.substring(4, end);
        int next = body.indexOf('\n', end + 4);
        body = next < 0 ? "" : body.substring(next + 1);
        try {
          JsonNode n = YAML.readTree(yaml);
          if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> front.put(e.getKey(), e.getValue()));
          }
        } catch (IOException e) {
          throw new IllegalArgumentException("the front matter of " + fileName + " is not valid YAML: "
              + e.getMessage().lines().findFirst().orElse(""), e);
        }
      }
    }
    Set<String> links = new LinkedHashSet<>();
    Matcher m = WIKI_LINK.matcher(body);
    StringBuilder text = new StringBuilder();
    while (m.find()) {
      String target = m.group(1).strip();
      links.add(target);
      m.appendReplacement(text, Matcher.quoteReplacement(m.group(2) != null ? m.group(2).strip() : target));
    }
    m.appendTail(text);
    String title = front.containsKey("title") ? front.get("title").asText() : baseName(fileName);
    PublishDate date = null;
    if (front.containsKey("date") && !front.get("date").asText().isBlank()) {
      String d = front.get("date").asText();
      try {
        date = PublishDate.parse(d);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the front matter date of " + fileName + " is '" + d
            + "', must be YYYY-MM-DD or an ISO-8601 date-time", e);
      }
    }
    Map<String, List<String>> facets = new LinkedHashMap<>();
    List<String> tags = tags(front.get("tags"));
    if (!tags.isEmpty()) {
      facets.put(TAGS, tags);
    }
    if (!links.isEmpty()) {
      facets.put(LINKS, List.copyOf(links));
    }
    return new Document(id, title, text.toString().strip(), source, date, null, facets);
  }

  private static List<String> tags(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isArray()) {
      n.forEach(t -> add(out, t.asText()));
    } else {
      for (String t : n.asText().split(",")) {
        add(out, t);
      }
    }
    return out;
  }

  private static void add(List<String> tags, String t) {
    String s = t.strip();
    if (s.startsWith("#")) {
      s = s.substring(1);
    }
    if (!s.isEmpty()) {
      tags.add(s);
    }
  }

  private static String baseName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }
}
