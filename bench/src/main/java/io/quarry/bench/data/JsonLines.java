package io.quarry.bench.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Streams the JSON objects of a {@code .jsonl} or {@code .jsonl.gz} file (UTF-8), one a line. */
final class JsonLines {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Receives one object with its 1-based line number. */
  interface Handler {
    void accept(JsonNode object, int lineNo) throws IOException;
  }

  private JsonLines() {}

  /** Opens a text file, gunzipping when the name ends with {@code .gz}. */
  static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  /**
   * Calls {@code handler} for every non-blank line.
   *
   * @throws IOException when a line is not a JSON object (the message names file and line)
   */
  static void forEach(Path file, Handler handler) throws IOException {
    try (BufferedReader in = open(file)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
          throw new IOException(where(file, lineNo) + "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
          throw new IOException(where(file, lineNo) + "expected a JSON object");
        }
        handler.accept(node, lineNo);
      }
    }
  }

  /** A text field, or null when absent, JSON null or empty after stripping. */
  static String optionalText(JsonNode object, String field, Path file, int lineNo)
      throws IOException {
    JsonNode v = object.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() && !v.isNumber()) {
      throw new IOException(where(file, lineNo) + "field '" + field
          + "' must be a string, found " + v.getNodeType());
    }
    String s = v.asText().strip();
    return s.isEmpty() ? null : s;
  }

  /** A text field as written (not stripped); "" when absent or JSON null. */
  static String rawText(JsonNode object, String field, Path file, int lineNo) throws IOException {
    JsonNode v = object.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new IOException(where(file, lineNo) + "field '" + field
          + "' must be a string, found " + v.getNodeType());
    }
    return v.asText();
  }

  /** A text field that must be present and non-empty. */
  static String requiredText(JsonNode object, String field, Path file, int lineNo)
      throws IOException {
    String s = optionalText(object, field, file, lineNo);
    if (s == null) {
      throw new IOException(where(file, lineNo) + "missing or empty field '" + field + "'");
    }
    return s;
  }

  /** "file: line n: " prefix for messages. */
  static String where(Path file, int lineNo) {
    return file + ": line " + lineNo + ": ";
  }
}
