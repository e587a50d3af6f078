// The Anserini side of quarry-bench's anserini peer, run by the JDK's source launcher on the
// class path of Anserini's fat jar (which ships its own Lucene, so it cannot share Quarry's JVM):
//
//   java -cp anserini-<version>-fatjar.jar AnseriniDriver.java
//
// One JSON request per line on stdin, one answer per line on stdout (io.quarry.bench.peer.PeerProcess):
//   {"op": "index", "documents": "documents.jsonl", "dir": "index"}   -> {"ok", "documents", "ms"}
//   {"op": "search", "leg": "bm25", "text": "...", "k": 100}          -> {"ok", "hits": [[id, score]], "ms"}
// Indexing uses Anserini's SimpleIndexer (DefaultEnglishAnalyzer: Porter stemmer, Lucene's English
// stop words), searching its SimpleSearcher with its defaults (BM25 k1 0.9, b 0.4): what Anserini's
// BEIR "flat" regressions run. "ms" is the search call alone, timed here.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anserini.index.SimpleIndexer;
import io.anserini.search.ScoredDoc;
import io.anserini.search.SimpleSearcher;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

public class AnseriniDriver {

  public static void main(String[] args) throws Exception {
    // Answers go to the real stdout; anything a library prints goes to stderr (the log).
    PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    ObjectMapper mapper = new ObjectMapper();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    SimpleSearcher searcher = null;
    for (String line; (line = in.readLine()) != null; ) {
      ObjectNode answer = mapper.createObjectNode();
      try {
        JsonNode r = mapper.readTree(line);
        switch (r.path("op").asText()) {
          case "index" -> {
            if (searcher != null) {
              searcher.close();
              searcher = null;
            }
            Path dir = Path.of(r.get("dir").asText());
            long t = System.nanoTime();
            long n = 0;
            SimpleIndexer indexer = new SimpleIndexer(dir.toString());
            try (BufferedReader docs = Files.newBufferedReader(Path.of(r.get("documents").asText()))) {
              for (String d; (d = docs.readLine()) != null; ) {
                if (!d.isBlank()) {
                  if (!indexer.addJsonNode(mapper.readTree(d))) {
                    throw new IllegalStateException("Anserini refused document " + d.substring(0, Math.min(80, d.length())));
                  }
                  n++;
                }
              }
            }
            indexer.close();
            searcher = new SimpleSearcher(dir.toString());
            answer.put("documents", n).put("ms", (System.nanoTime() - t) / 1e6);
          }
          case "search" -> {
            if (searcher == null) {
              throw new IllegalStateException("search before index");
            }
            String text = r.get("text").asText();
            int k = r.get("k").asInt();
            long t = System.nanoTime();
            ScoredDoc[] hits = searcher.search(text, k);
            double ms = (System.nanoTime() - t) / 1e6;
            ArrayNode out = answer.putArray("hits");
            for (ScoredDoc h : hits) {
              out.addArray().add(h.docid).add(h.score);
            }
            answer.put("ms", ms);
          }
          case "version" -> answer.put("version", SimpleSearcher.class.getPackage().getImplementationVersion());
          default -> throw new IllegalArgumentException("unknown op: " + r.path("op").asText());
        }
        answer.put("ok", true);
      } catch (Exception e) {
        e.printStackTrace();
        answer.removeAll();
        answer.put("ok", false).put("error", e.toString());
      }
      answers.println(mapper.writeValueAsString(answer));
    }
    if (searcher != null) {
      searcher.close();
    }
  }
}
