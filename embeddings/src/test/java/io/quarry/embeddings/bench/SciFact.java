package io.quarry.embeddings.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads BEIR SciFact files. */
final class SciFact {

  private SciFact() {}

  record Doc(String id, String text) {}

  /** The first {@code limit} corpus documents, as {@code title + "\n" + text}. */
  static List<Doc> corpus(Path corpusGz, int limit) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Doc> out = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(corpusGz)), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null && out.size() < limit; line = in.readLine()) {
        JsonNode n = json.readTree(line);
        out.add(new Doc(n.get("_id").asText(), n.get("title").asText() + "\n" + n.get("text").asText()));
      }
    }
    return out;
  }

  /** Query id to text. */
  static Map<String, String> queries(Path jsonl) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(jsonl)) {
      if (!line.isBlank()) {
        JsonNode n = json.readTree(line);
        out.put(n.get("_id").asText(), n.get("text").asText());
      }
    }
    return out;
  }

  /** Query id to relevant doc ids (binary relevance). */
  static Map<String, List<String>> qrels(Path tsv) throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(tsv)) {
      String[] f = line.split("\t");
      if (f.length == 3 && !f[0].equals("query-id") && Integer.parseInt(f[2]) > 0) {
        out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[1]);
      }
    }
    return out;
  }
}
