package io.quarry.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarry.core.document.Document;
import io.quarry.server.Startup;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code fetch_document}: a whole document by id, its text from {@code offset} and at most {@code
 * max_chars} long; {@code next_offset} says where to go on when there is more.
 */
public final class FetchTool implements Tool {

  private final Startup startup;
  private final ObjectMapper mapper;
  private final ObjectNode parameters;

  public FetchTool(Startup startup, ObjectMapper mapper) {
    this.startup = startup;
    this.mapper = mapper;
    this.parameters = schema();
  }

  @Override
  public String name() {
    return "fetch_document";
  }

  @Override
  public String description() {
    return "Read one document Quarry holds, by the id a search hit gave: its title, date, source, url,"
        + " facets and text. A long text comes in parts: call again with offset set to next_offset.";
  }

  @Override
  public ObjectNode parameters() {
    return parameters.deepCopy();
  }

  /** Built once: a call checks its arguments against it. */
  private ObjectNode schema() {
    ObjectNode schema = Schemas.object(mapper);
    ObjectNode p = (ObjectNode) schema.get("properties");
    p.set("id", Schemas.string(mapper, "The document id, as a search hit gives it."));
    p.set("offset", Schemas.integer(mapper, "Where in the text to start, in characters.", 0, Integer.MAX_VALUE, 0));
    p.set("max_chars", Schemas.integer(mapper, "Longest result in characters; the text is cut to fit.",
        Budget.MIN_CHARS, Budget.MAX_CHARS, Budget.DEFAULT_CHARS));
    ((ArrayNode) schema.get("required")).add("id");
    return schema;
  }

  @Override
  public String call(JsonNode arguments) {
    Arguments a = new Arguments(arguments);
    Schemas.rejectUnknown(arguments, parameters);
    String id = a.requiredString("id");
    int offset = a.integer("offset", 0, 0, Integer.MAX_VALUE);
    int maxChars = a.integer("max_chars", Budget.DEFAULT_CHARS, Budget.MIN_CHARS, Budget.MAX_CHARS);
    Document d = startup.engine().get(id)
        .orElseThrow(() -> new ToolException("no document with id '" + id + "': use an id a search hit gave"));
    String text = d.text() == null ? "" : d.text();
    if (offset > text.length()) {
      throw new ToolException("argument 'offset' is " + offset + ", past the end of the text (" + text.length()
          + " characters)");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", d.id());
    out.put("title", d.title());
    out.put("date", d.date() == null ? null : d.date().toString());
    out.put("source", d.source());
    out.put("url", d.url());
    out.put("facets", d.facets());
    out.put("length", text.length());
    out.put("offset", offset);
    int room = Math.max(0, maxChars - render(out, "", null).length());
    return Budget.shrinkToFit(room, maxChars, r -> {
      int end = Budget.safeEnd(text, Math.min(text.length(), offset + r));
      return render(out, text.substring(offset, end), end < text.length() ? end : null);
    });
  }

  private String render(Map<String, Object> head, String text, Integer nextOffset) {
    Map<String, Object> out = new LinkedHashMap<>(head);
    out.put("text", text);
    out.put("next_offset", nextOffset);
    return Budget.json(mapper, out);
  }
}
