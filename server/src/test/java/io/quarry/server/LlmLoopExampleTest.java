package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's LLM loop, run as written: {@code examples/llm_loop.py} wires Quarry's tools into
 * an OpenAI-compatible endpoint ({@code examples/fake_openai.py}, which speaks the real chat
 * completions API on 127.0.0.1), and the answer quotes the hit the tool call found.
 */
class LlmLoopExampleTest {

  static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir Path data;

  @Test
  void should_answer_from_a_tool_call_to_quarry() throws Exception {
    if (!Files.isRegularFile(EXAMPLES.resolve("llm_loop.py"))) {
      fail("examples/ not found from " + Path.of("").toAbsolutePath());
    }
    Process fake;
    try {
      fake = new ProcessBuilder("python3", EXAMPLES.resolve("fake_openai.py").toString(), "--port", "0")
          .redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      fail("python3 is needed to run the README's example: " + e.getMessage());
      return;
    }
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of())) {
      assertEquals(200, api.post("/v1/documents", ApiTest.DOCS).status());
      BufferedReader fakeOut = new BufferedReader(new InputStreamReader(fake.getInputStream(), StandardCharsets.UTF_8));
      String listening = fakeOut.readLine();
      assertTrue(listening != null && listening.startsWith("listening on "), String.valueOf(listening));
      String llm = "http://127.0.0.1:" + listening.substring("listening on ".length()).strip() + "/v1";

      Process loop = new ProcessBuilder("python3", EXAMPLES.resolve("llm_loop.py").toString(), "--quarry", api.base,
          "--llm", llm, "--model", "fake", "Is aspirin recommended for children?").redirectErrorStream(true).start();
      String out = new String(loop.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(loop.waitFor(60, TimeUnit.SECONDS), "the loop hung: " + out);
      assertEquals(0, loop.exitValue(), out);
      assertTrue(out.contains("tool search({\"query\": \"Is aspirin recommended for children?\", \"k\": 3})"), out);
      assertTrue(out.contains("According to \"Aspirin in children\" (aspirin-children, 2023-06-20)"), out);
    } finally {
      fake.destroy();
      fake.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
