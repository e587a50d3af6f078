package io.quarry.bench.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.bench.Fixtures;
import io.quarry.bench.cli.BackendFactory;
import io.quarry.bench.cli.BenchCli;
import io.quarry.bench.run.ResultRow;
import io.quarry.bench.run.RunFile;
import io.quarry.bench.run.RunJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quarry-bench run --peers} on the fixture suite with the real in-process engine: the exact
 * scan and the raw ONNX Runtime check always run; Anserini runs where its jar has been fetched
 * (the local Maven repository or the peers directory) and is reported skipped, with the command
 * that fetches it, where not; LanceDB is skipped here since its packages are not installed in
 * the empty peers directory given.
 */
class PeersRunTest {

  @TempDir Path tmp;

  @Test
  void should_run_the_peers_beside_quarry_and_report_the_ones_it_could_not_set_up() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path peersDir = Files.createDirectories(tmp.resolve("no-peers-installed"));
    int exit = BenchCli.execute(new String[] {"run", "--suite", Fixtures.suite().toString(),
        "--modes", "bm25,vector,fast", "--peers", "exact,onnxruntime,anserini,lancedb",
        "--onnx-texts", "16", "--warmup", "1", "--peers-dir", peersDir.toString(),
        "--work", tmp.resolve("work").toString(), "--out", tmp.resolve("run.json").toString(),
        "--history", tmp.resolve("runs").toString()}, BackendFactory.DEFAULT, Clock.systemUTC(),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String stdout = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, stdout + err.toString(StandardCharsets.UTF_8));
    RunFile run = RunJson.read(tmp.resolve("run.json"));
    Map<String, ResultRow> rows = run.results().stream()
        .collect(Collectors.toMap(ResultRow::key, r -> r));

    // the exact scan, beside the vector mode, with its P50 ratio; HNSW finds the same documents
    // on a corpus this small, so the rankings score the same (on the facts set: news has a
    // query the temporal planner narrows to a week, which the exact scan does not know of)
    ResultRow exact = rows.get("facts / factual / exact:vector");
    ResultRow vector = rows.get("facts / factual / vector");
    assertNotNull(exact, rows.keySet().toString());
    assertEquals("vector", exact.vs());
    assertTrue(exact.p50Ratio() > 0, exact.toString());
    assertEquals(vector.ndcg10(), exact.ndcg10(), 1e-9);
    assertEquals(1.0, run.peers().hnswRecall100().get("facts"));
    assertTrue(run.peers().hnswRecall100().get("news") > 0, run.peers().hnswRecall100().toString());
    assertFalse(vector.isPeer());
    assertTrue(exact.isPeer());

    // the encoder against raw ONNX Runtime: both compute the same vectors (up to what the int8
    // model's per-batch activation quantization moves them, batched differently), at a measured rate
    OnnxRuntimeCheck.Result onnx = run.peers().onnxRuntime();
    assertNotNull(onnx);
    assertEquals(16, onnx.texts());
    assertTrue(onnx.maxCosineGap() < 0.01, "gap " + onnx.maxCosineGap());
    assertTrue(onnx.quarryPerSecond() > 0 && onnx.rawBest() > 0 && onnx.ratio() > 0, onnx.toString());
    assertEquals(3, onnx.rawPerSecond().size());

    Map<String, Peers.Status> status = run.peers().status().stream()
        .collect(Collectors.toMap(Peers.Status::peer, s -> s));
    assertEquals(List.of("exact", "anserini", "lancedb", "onnxruntime").stream().sorted().toList(),
        status.keySet().stream().sorted().toList());
    assertEquals("skipped", status.get("lancedb").state());
    assertTrue(status.get("lancedb").detail().contains("-Ppeers"), status.get("lancedb").detail());
    assertTrue(stdout.contains("peer lancedb      skipped"), stdout);
    assertFalse(run.results().stream().anyMatch(r -> r.mode().startsWith("lancedb:")));
    if (status.get("anserini").state().equals("ready")) {
      // Quarry's BM25 is Anserini's: the same analyzer, k1 and b, the same scores
      ResultRow anserini = rows.get("facts / factual / anserini:bm25");
      assertEquals(rows.get("facts / factual / bm25").ndcg10(), anserini.ndcg10(), 1e-9);
      assertEquals("bm25", anserini.vs());
    } else {
      assertTrue(status.get("anserini").detail().contains("-Ppeers"), status.get("anserini").detail());
    }
  }

  @Test
  void should_refuse_vector_peers_against_a_running_server_and_an_unknown_peer() throws Exception {
    for (String[] args : new String[][] {
        {"--server", "http://127.0.0.1:9", "--peers", "exact"},
        {"--peers", "elasticsearch"}}) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      String[] all = new String[args.length + 4];
      all[0] = "run";
      all[1] = "--suite";
      all[2] = Fixtures.suite().toString();
      all[3] = "--warmup=0";
      System.arraycopy(args, 0, all, 4, args.length);
      int exit = BenchCli.execute(all, BackendFactory.DEFAULT, Clock.systemUTC(),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      String message = err.toString(StandardCharsets.UTF_8);
      assertEquals(2, exit, message);
      assertTrue(message.contains(args[args.length - 1].equals("exact") ? "need Quarry's own vectors"
          : "illegal peer: 'elasticsearch', must be one of anserini, lancedb, exact, onnxruntime"), message);
    }
  }
}
