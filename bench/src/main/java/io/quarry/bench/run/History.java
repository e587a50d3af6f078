package io.quarry.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The run history directory ({@code --history}, default {@code ./runs}): every run saved as the
 * next numbered file {@code 0001.json}, {@code 0002.json}, ... (four digits at least, numbered
 * after the highest number present, so deleting old runs never reuses a number).
 */
public final class History {

  /** Default history directory. */
  public static final String DEFAULT_DIR = "runs";

  private static final Pattern NUMBERED = Pattern.compile("(\\d{4,})\\.json");

  private History() {}

  /** The numbered run files in {@code dir}, oldest first; empty when {@code dir} is absent. */
  public static List<Path> runs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return new ArrayList<>(files
          .filter(p -> NUMBERED.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparingLong(History::number))
          .toList());
    }
  }

  /** Copies {@code runJson} into {@code dir} as the next numbered file and returns its path. */
  public static Path save(Path dir, Path runJson) throws IOException {
    Files.createDirectories(dir);
    List<Path> existing = runs(dir);
    long next = existing.isEmpty() ? 1 : number(existing.get(existing.size() - 1)) + 1;
    Path target = dir.resolve(String.format(Locale.ROOT, "%04d.json", next));
    Files.copy(runJson, target, StandardCopyOption.COPY_ATTRIBUTES);
    return target;
  }

  /** The run number of a numbered file. */
  public static long number(Path numbered) {
    String name = numbered.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - ".json".length()));
  }
}
