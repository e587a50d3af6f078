package io.quarry.server.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.embeddings.rerank.CrossEncoderReranker;
import io.quarry.embeddings.rerank.RerankerConfig;
import io.quarry.embeddings.rerank.RerankerFixtures;
import io.quarry.server.config.QuarryConfig;
import io.quarry.server.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code quarry models pull} as a user runs it, against {@link FakeHub} on 127.0.0.1 serving a
 * small real cross-encoder checkpoint: a clean pull, a damaged download, a broken-off download
 * resumed, an unreachable or offline hub, refusals, and the pulled directory loaded as {@code
 * rerank.model}.
 */
class ModelsPullTest {

  private static final String REPO = "acme/tiny-ce";
  private static final String WEIGHTS = "model.safetensors";

  @TempDir Path tmp;
  private Path data;
  private Path dest;
  private Map<String, byte[]> files;
  private FakeHub hub;

  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() throws IOException {
    data = tmp.resolve("data");
    dest = data.resolve("models").resolve("acme--tiny-ce").toAbsolutePath().normalize();
    Path source = RerankerFixtures.tinyBert(tmp.resolve("source"), 42);
    files = new LinkedHashMap<>();
    for (String f : List.of("config.json", "tokenizer.json", WEIGHTS)) {
      files.put(f, Files.readAllBytes(source.resolve(f)));
    }
    // one optional file present; tokenizer_config.json absent (a 404 is skipped)
    files.put("special_tokens_map.json", "{\"cls_token\": \"[CLS]\"}".getBytes(StandardCharsets.UTF_8));
    hub = new FakeHub().repo(REPO, files);
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private Run pull(Map<String, String> env, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("models", "pull", REPO, "--data", data.toString()));
    args.addAll(List.of(extra));
    return run(env, args.toArray(String[]::new));
  }

  private Run pull(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("--endpoint", hub.endpoint()));
    args.addAll(List.of(extra));
    return pull(Map.of(), args.toArray(String[]::new));
  }

  private static Run run(Map<String, String> env, String... args) {
    PrintStream oldErr = System.err;
    ByteArrayOutputStream bars = new ByteArrayOutputStream();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try {
      System.setErr(new PrintStream(bars, true, StandardCharsets.UTF_8));
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      ((ModelsCommand.Pull) cli.getSubcommands().get("models").getSubcommands().get("pull").getCommand()).env = env;
      int exit = cli.execute(args);
      return new Run(exit, out.toString(), err + bars.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(oldErr);
    }
  }

  @Test
  void should_pull_verify_record_and_print_the_rerank_model_line() throws Exception {
    Run r = pull(Map.of("HF_TOKEN", "hf_secret"), "--endpoint", hub.endpoint());
    assertEquals(0, r.exit(), r.err());

    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      assertArrayEquals(f.getValue(), Files.readAllBytes(dest.resolve(f.getKey())), f.getKey());
    }
    assertFalse(Files.exists(dest.resolve("tokenizer_config.json")));
    try (Stream<Path> left = Files.list(dest)) {
      assertEquals(List.of(), left.filter(p -> p.toString().endsWith(".part")).toList());
    }
    assertTrue(r.out().contains("--set rerank.model=" + dest + "\n"), r.out());
    assertTrue(r.out().contains("pulled acme/tiny-ce (revision main, commit " + FakeHub.COMMIT + ") into " + dest),
        r.out());
    String sha = FakeHub.sha256(files.get(WEIGHTS));
    int size = files.get(WEIGHTS).length;
    assertTrue(r.err().contains(String.format(java.util.Locale.ROOT, "%s: %.1f MiB, sha256 %s, matches the hub's",
        WEIGHTS, size / 1048576.0, sha)), r.err());
    assertTrue(r.err().contains("/" + (size >> 20) + " MiB"), "the progress bar: " + r.err());

    JsonNode record = new ObjectMapper().readTree(dest.resolve("quarry-pull.json").toFile());
    assertEquals(REPO, record.get("repo").asText());
    assertEquals("main", record.get("revision").asText());
    assertEquals(FakeHub.COMMIT, record.get("commit").asText());
    assertEquals(hub.endpoint(), record.get("endpoint").asText());
    assertFalse(record.toString().contains("hf_secret"));
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    record.get("files").forEach(f -> byName.put(f.get("name").asText(), f));
    assertEquals(List.of("config.json", "tokenizer.json", WEIGHTS, "special_tokens_map.json"),
        List.copyOf(byName.keySet()));
    assertEquals(sha, byName.get(WEIGHTS).get("sha256").asText());
    assertEquals("sha256", byName.get(WEIGHTS).get("checked").asText());
    assertEquals(files.get(WEIGHTS).length, byName.get(WEIGHTS).get("size").asLong());
    assertEquals("size", byName.get("config.json").get("checked").asText());
    assertEquals(FakeHub.sha256(files.get("config.json")), byName.get("config.json").get("sha256").asText());

    // the token goes to the hub, never to the storage it redirects to; HEADs are not followed there;
    // every file after config.json comes from the commit main resolved to
    List<FakeHub.Seen> toHub = hub.seen("hub");
    toHub.forEach(s -> assertEquals("Bearer hf_secret", s.authorization(), s.toString()));
    List<FakeHub.Seen> toCdn = hub.seen("cdn");
    assertEquals(1, toCdn.size(), toCdn.toString());
    assertEquals("GET", toCdn.get(0).method());
    assertEquals(null, toCdn.get(0).authorization());
    assertTrue(toHub.stream().anyMatch(s -> s.method().equals("HEAD")
        && s.path().equals("/" + REPO + "/resolve/" + FakeHub.COMMIT + "/" + WEIGHTS)), toHub.toString());
  }

  @Test
  void should_keep_weights_already_in_place_on_a_second_pull() {
    assertEquals(0, pull().exit());
    int before = hub.seen("cdn").size();

    Run again = pull();
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.err().contains(WEIGHTS + ": already in place"), again.err());
    assertEquals(before, hub.seen("cdn").size(), "the weights were not fetched again");
  }

  @Test
  void should_refuse_a_download_whose_sha256_differs_from_the_hubs() throws Exception {
    byte[] damaged = files.get(WEIGHTS).clone();
    damaged[damaged.length / 2] ^= 1;
    hub.tamper(WEIGHTS, damaged);

    Run r = pull();
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("checksum mismatch for " + WEIGHTS + " of " + REPO), r.err());
    assertTrue(r.err().contains("expected sha256 " + FakeHub.sha256(files.get(WEIGHTS))
        + ", got " + FakeHub.sha256(damaged)), r.err());
    assertFalse(Files.exists(dest.resolve(WEIGHTS)));
    assertFalse(Files.exists(dest.resolve(WEIGHTS + ".part")), "the damaged download is deleted");
    // nothing is moved into place unless every file passed
    assertFalse(Files.exists(dest.resolve("config.json")));
    assertFalse(Files.exists(dest.resolve("quarry-pull.json")));
    assertFalse(r.out().contains("rerank.model"), r.out());
  }

  @Test
  void should_resume_a_download_that_broke_off() throws Exception {
    int full = files.get(WEIGHTS).length;
    hub.cutNextDownloadAfter(full / 2);

    Run first = pull();
    assertEquals(1, first.exit(), first.err());
    assertTrue(first.err().contains("download of " + WEIGHTS + " broke off"), first.err());
    assertTrue(first.err().contains("run the same command again to resume"), first.err());
    Path part = dest.resolve(WEIGHTS + ".part");
    assertTrue(Files.exists(part), "the part is kept");
    long kept = Files.size(part);
    assertTrue(kept > 0 && kept < full, "kept " + kept + " of " + full);
    assertFalse(Files.exists(dest.resolve(WEIGHTS)));

    Run second = pull();
    assertEquals(0, second.exit(), second.err());
    assertTrue(second.err().contains("resuming " + WEIGHTS), second.err());
    List<FakeHub.Seen> gets = hub.seen("cdn");
    assertEquals(2, gets.size(), gets.toString());
    assertEquals(null, gets.get(0).range());
    assertEquals("bytes=" + kept + "-", gets.get(1).range());
    assertArrayEquals(files.get(WEIGHTS), Files.readAllBytes(dest.resolve(WEIGHTS)));
    assertFalse(Files.exists(part));
    assertTrue(Files.exists(dest.resolve("quarry-pull.json")));
  }

  @Test
  void should_end_a_download_that_stalls_and_resume_it() throws Exception {
    int full = files.get(WEIGHTS).length;
    hub.stallNextDownloadAfter(full / 3);

    Run first = pull("--stall-timeout-ms", "300");
    hub.release();
    assertEquals(1, first.exit(), first.err());
    assertTrue(first.err().contains("the transfer stalled"), first.err());
    Path part = dest.resolve(WEIGHTS + ".part");
    assertTrue(Files.exists(part), "the part is kept");
    assertFalse(Files.exists(dest.resolve(WEIGHTS)));

    Run second = pull();
    assertEquals(0, second.exit(), second.err());
    assertArrayEquals(files.get(WEIGHTS), Files.readAllBytes(dest.resolve(WEIGHTS)));
  }

  @Test
  void should_say_what_to_copy_where_when_the_hub_cannot_be_reached() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    // the endpoint from HF_ENDPOINT, as huggingface_hub reads it
    Run r = pull(Map.of("HF_ENDPOINT", "http://127.0.0.1:" + closed));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("cannot reach http://127.0.0.1:" + closed), r.err());
    assertTrue(r.err().contains("download config.json, tokenizer.json and model.safetensors of " + REPO
        + " (revision main"), r.err());
    assertTrue(r.err().contains("copy them into " + dest + ", then start with --set rerank.model=" + dest), r.err());
    assertFalse(Files.exists(dest), "nothing is created");

    Run offline = pull(Map.of("HF_HUB_OFFLINE", "1"), "--endpoint", hub.endpoint());
    assertEquals(2, offline.exit(), offline.err());
    assertTrue(offline.err().contains("HF_HUB_OFFLINE is set"), offline.err());
    assertTrue(offline.err().contains("copy them into " + dest), offline.err());
    assertEquals(List.of(), hub.seen(), "offline sends nothing");
  }

  @Test
  void should_name_the_repo_and_revision_the_hub_refuses() {
    Run missing = run(Map.of(), "models", "pull", "acme/nope", "--data", data.toString(), "--endpoint", hub.endpoint());
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("acme/nope (revision main) not found on " + hub.endpoint()), missing.err());
    assertTrue(missing.err().contains("HTTP 404, RepoNotFound"), missing.err());

    Run revision = pull("--revision", "v9");
    assertEquals(1, revision.exit());
    assertTrue(revision.err().contains(REPO + " has no revision v9"), revision.err());

    hub.privateRepo("acme/secret");
    Run secret = run(Map.of(), "models", "pull", "acme/secret", "--data", data.toString(), "--endpoint", hub.endpoint());
    assertEquals(1, secret.exit());
    assertTrue(secret.err().contains("refused acme/secret (revision main) (HTTP 401"), secret.err());
    assertTrue(secret.err().contains("set HF_TOKEN"), secret.err());
    assertFalse(Files.exists(data.resolve("models")), "nothing is created");
  }

  @Test
  void should_refuse_a_repo_without_safetensors_weights_before_downloading() {
    hub.repo("acme/torch-only", Map.of("config.json", files.get("config.json"),
        "tokenizer.json", files.get("tokenizer.json"), "pytorch_model.bin", new byte[] {1, 2, 3}));
    Run r = run(Map.of(), "models", "pull", "acme/torch-only", "--data", data.toString(), "--endpoint", hub.endpoint());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("acme/torch-only (revision main) has no model.safetensors"), r.err());
    assertTrue(r.err().contains("TorchScript"), r.err());
    assertTrue(hub.seen().stream().allMatch(s -> s.method().equals("HEAD")), hub.seen().toString());
  }

  @Test
  void should_refuse_a_malformed_repository_id() {
    Run r = run(Map.of(), "models", "pull", "https://huggingface.co/acme/tiny-ce", "--data", data.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("not its URL"), r.err());
  }

  @Test
  void should_pull_a_checkpoint_that_loads_as_rerank_model() throws Exception {
    Run r = pull("--out", tmp.resolve("elsewhere").toString());
    assertEquals(0, r.exit(), r.err());
    String line = r.out().lines().filter(l -> l.startsWith("--set rerank.model=")).findFirst().orElseThrow();
    String model = line.substring("--set rerank.model=".length());
    assertEquals(tmp.resolve("elsewhere").toAbsolutePath().normalize().toString(), model);

    // the path the server takes: the rerank.model key, RerankConfig, CrossEncoderReranker.open
    RerankerConfig config = QuarryConfig.from(Settings.of(Map.of("rerank.model", model))).reranker();
    assertNotNull(config);
    RerankerConfig source = RerankerConfig.of(tmp.resolve("source"));
    List<String> passages = List.of("Aspirin lowers the risk of a heart attack.", "Coffee and liver disease.");
    try (CrossEncoderReranker pulled = CrossEncoderReranker.open(config);
        CrossEncoderReranker original = CrossEncoderReranker.open(source)) {
      float[] scores = pulled.score("aspirin heart attack", passages);
      assertEquals(2, scores.length);
      assertArrayEquals(original.score("aspirin heart attack", passages), scores);
    }
  }
}
