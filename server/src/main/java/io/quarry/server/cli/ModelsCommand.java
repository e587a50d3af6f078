package io.quarry.server.cli;

import io.quarry.server.models.HubClient;
import io.quarry.server.models.ModelPull;
import io.quarry.server.models.PullException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code quarry models pull}: cross-encoder checkpoints for {@code rerank.model}. */
@Command(name = "models", description = "Fetch cross-encoder checkpoints for rerank.model.",
    subcommands = {ModelsCommand.Pull.class})
public final class ModelsCommand {

  /**
   * {@code quarry models pull REPO}: downloads a Hugging Face checkpoint ({@link ModelPull}) into
   * {@code <data.dir>/models/<owner>--<name>} (or {@code --out}) and prints the {@code --set
   * rerank.model=...} line that uses it. The endpoint is {@code --endpoint}, else {@code
   * HF_ENDPOINT}, else the public hub; {@code HF_TOKEN} is sent as a bearer token. Exit codes: 0
   * pulled; 1 the hub refused, a file failed its check or a download broke off (run again to
   * resume); 2 the hub cannot be reached or {@code HF_HUB_OFFLINE} is set (the message says what to
   * copy where), or a malformed argument.
   */
  @Command(name = "pull", description = {
      "Download a Hugging Face cross-encoder checkpoint (config.json, tokenizer.json, model.safetensors)"
          + " into <data.dir>/models/<owner>--<name> and print the --set rerank.model=... line.",
      "Resumes an interrupted download; checks the weights' sha256 against the hub's.",
      "Environment: HF_ENDPOINT (another hub or mirror), HF_TOKEN (private or gated repositories),"
          + " HF_HUB_OFFLINE=1 (refuse at once)."})
  static final class Pull implements Callable<Integer> {

    /** Progress bars are drawn for files at least this large. */
    private static final long BAR_MIN = 1L << 20;
    private static final Set<String> TRUE = Set.of("1", "true", "yes", "on");

    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REPO",
        description = "The repository id, e.g. cross-encoder/ms-marco-MiniLM-L-6-v2.")
    String repo;

    @Option(names = "--revision", paramLabel = "R", defaultValue = "main",
        description = "Branch, tag or commit. Default: main.")
    String revision;

    @Option(names = "--endpoint", paramLabel = "URL",
        description = "The hub's base URL. Default: $HF_ENDPOINT, else " + HubClient.DEFAULT_ENDPOINT + ".")
    String endpoint;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Where to put the files instead of <data.dir>/models/<owner>--<name>.")
    Path out;

    @Option(names = "--stall-timeout-ms", paramLabel = "MS", defaultValue = "60000",
        description = "Fail a download that receives no bytes for this long (the part is kept). Default: 60000.")
    long stallTimeoutMs;

    /** The environment ({@code HF_*}); tests replace it. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws Exception {
      Path dest = out != null ? out : common.config(Map.of()).modelsDir().resolve(ModelPull.directoryName(repo));
      String base = endpoint != null ? endpoint : env.getOrDefault("HF_ENDPOINT", HubClient.DEFAULT_ENDPOINT);
      boolean offline = TRUE.contains(env.getOrDefault("HF_HUB_OFFLINE", "").strip().toLowerCase(Locale.ROOT));
      if (stallTimeoutMs < 1) {
        throw new IllegalArgumentException("illegal --stall-timeout-ms: " + stallTimeoutMs + ", must be at least 1");
      }
      ModelPull pull = new ModelPull(new HubClient(base, env.get("HF_TOKEN"),
          java.time.Duration.ofMillis(stallTimeoutMs)), offline);
      PrintWriter err = spec.commandLine().getErr();
      ModelPull.Result r;
      try {
        r = pull.pull(repo, revision, dest, new Report(err, System.err));
      } catch (PullException e) {
        err.println("error: " + e.getMessage());
        err.flush();
        return e.unreachable() ? 2 : 1;
      }
      PrintWriter o = spec.commandLine().getOut();
      o.println("pulled " + r.repo() + " (revision " + r.revision()
          + (r.commit() == null ? "" : ", commit " + r.commit()) + ") into " + r.directory());
      o.println("--set rerank.model=" + r.directory());
      o.flush();
      return 0;
    }
  }

  /** One line per file on the command's error stream, and a progress bar for large ones. */
  private static final class Report implements ModelPull.Listener {

    private final PrintWriter err;
    private final PrintStream bars;
    private ProgressBar bar;
    private long from;
    private long units;

    Report(PrintWriter err, PrintStream bars) {
      this.err = err;
      this.bars = bars;
    }

    @Override
    public void fetching(String file, long from, long size) {
      err.println((from > 0 ? "resuming " + file + " at " + bytes(from) + " of " : "fetching " + file + ", ")
          + (size < 0 ? "size unknown" : bytes(size)));
      err.flush();
      this.from = from;
      this.units = size < 0 ? 0 : (size - from) >> 20;
      this.bar = size - from >= Pull.BAR_MIN ? new ProgressBar(bars, units, "MiB") : null;
    }

    @Override
    public void progress(String file, long done, long size) {
      if (bar != null) {
        // the bar ends its line when done reaches the total: only once the last byte is in
        long u = done >= size ? units : Math.min(units - 1, Math.max(0, done - from) >> 20);
        bar.update(u, file);
      }
    }

    @Override
    public void verified(String file, long size, String sha256, boolean checked) {
      err.println(file + ": " + bytes(size) + ", sha256 " + sha256
          + (checked ? ", matches the hub's" : " (the hub gives no sha256 for it; size checked)"));
      err.flush();
    }

    @Override
    public void upToDate(String file, long size, String sha256) {
      err.println(file + ": already in place, sha256 " + sha256 + " matches the hub's");
      err.flush();
    }

    private static String bytes(long n) {
      return n >= Pull.BAR_MIN ? String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0)
          : String.format(Locale.ROOT, "%,d bytes", n);
    }
  }
}
