package io.quarry.bench.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One set of a suite, with its paths already resolved against the suite file's directory.
 *
 * @param name set name; letters, digits, {@code _ . -} only, as it becomes part of file names
 * @param corpus corpus file ({@code .jsonl} or {@code .jsonl.gz})
 * @param queries queries file
 * @param qrels qrels TSV file
 */
public record SuiteSet(String name, Path corpus, Path queries, Path qrels) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  public SuiteSet {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("illegal set name: '" + name
          + "', must be letters, digits, '_', '.' or '-' (it becomes part of file names)");
    }
    Objects.requireNonNull(corpus, "corpus");
    Objects.requireNonNull(queries, "queries");
    Objects.requireNonNull(qrels, "qrels");
  }
}
