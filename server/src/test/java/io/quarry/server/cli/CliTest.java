package io.quarry.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI as a user runs it: ingest a fixture, ingest it again, search it, feed it bad input. */
class CliTest {

  @TempDir Path data;

  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/docs.jsonl");

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    StringWriter cliErr = new StringWriter();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      CommandLine cli = Main.commandLine();
      cli.setErr(new PrintWriter(cliErr, true));
      int exit = cli.execute(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8) + cliErr);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void should_ingest_then_skip_unchanged_then_search() {
    Run first = run("ingest", FIXTURE.toString(), "--data", data.toString(), "--batch", "3");
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().startsWith("indexed 8 documents (8 passages, 8 embedded), 0 unchanged"), first.out());
    assertTrue(first.err().contains("8/8 docs"), first.err());

    Run second = run("ingest", FIXTURE.toString(), "--data", data.toString());
    assertEquals(0, second.exit(), second.err());
    assertTrue(second.out().startsWith("indexed 0 documents (0 passages, 0 embedded), 8 unchanged"), second.out());

    Run search = run("search", "liver disease and coffee", "--data", data.toString(), "-k", "2");
    assertEquals(0, search.exit(), search.err());
    assertTrue(search.out().contains(" 1. ") && search.out().contains("coffee-liver  Coffee and liver disease  (2020-05-05)"),
        search.out());

    Run json = run("search", "python interpreter", "--data", data.toString(), "--json", "--mode", "fast");
    assertEquals(0, json.exit(), json.err());
    assertTrue(json.out().contains("\"id\" : \"python-release\""), json.out());

    // asked the day before it was published, the coffee study is not there yet
    Run before = run("search", "liver disease and coffee", "--data", data.toString(), "-k", "2",
        "--as-of", "2020-05-04", "--freshness", "none");
    assertEquals(0, before.exit(), before.err());
    assertTrue(!before.out().contains("coffee-liver"), before.out());
    assertTrue(before.out().contains("as of 2020-05-04, freshness none (as_of given)"), before.out());
  }

  @Test
  void should_refuse_a_bad_file_before_writing_anything() throws Exception {
    Path bad = data.resolve("bad.jsonl");
    Files.writeString(bad, "{\"id\": \"a\", \"text\": \"fine\"}\n{\"id\": \"b\", \"text\": \"x\", \"date\": \"soon\"}\n");
    Run r = run("ingest", bad.toString(), "--data", data.resolve("d").toString(), "--set", "index.vectors=false");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("bad.jsonl:2: field 'date': illegal date: 'soon'"), r.err());
    assertTrue(!Files.exists(data.resolve("d").resolve("index")), "nothing may be written");
  }

  @Test
  void should_reject_an_unknown_configuration_key() {
    Run r = run("search", "x", "--data", data.toString(), "--set", "search.fuson=rrf");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("error: unknown configuration key 'search.fuson' (did you mean 'search.fusion'?)"), r.err());
  }

  @Test
  void should_refuse_to_serve_beyond_loopback_without_a_key_before_loading_anything() {
    Run r = run("serve", "--host", "0.0.0.0", "--port", "0", "--data", data.toString(), "--set", "index.vectors=false");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("beyond loopback") && r.err().contains("quarry keys create"), r.err());
    assertFalse(java.nio.file.Files.exists(data.resolve("index")), "the engine never started");
  }
}
