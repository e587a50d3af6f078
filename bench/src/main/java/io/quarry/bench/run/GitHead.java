package io.quarry.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The sha of the git HEAD a directory belongs to ({@code git rev-parse HEAD}). */
public final class GitHead {

  /** Written when there is no repository or no git. */
  public static final String UNKNOWN = "unknown";

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40,64}");

  private GitHead() {}

  /** The HEAD sha of the repository containing {@code dir}, or {@link #UNKNOWN}. */
  public static String of(Path dir) {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(dir.toFile())
          .redirectErrorStream(true).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return UNKNOWN;
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.exitValue() == 0 && SHA.matcher(out).matches() ? out : UNKNOWN;
    } catch (IOException e) {
      return UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UNKNOWN;
    }
  }
}
