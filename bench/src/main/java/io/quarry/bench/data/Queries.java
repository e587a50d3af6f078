package io.quarry.bench.data;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a queries file ({@code .jsonl} or {@code .jsonl.gz}): {@code _id} and {@code text}
 * required; {@code category}, {@code as_of} and {@code question_date} optional ({@code YYYY-MM-DD};
 * null or empty means absent). Other fields ({@code metadata}, {@code answer}, ...) are ignored.
 * Duplicate ids are an error.
 */
public final class Queries {

  private Queries() {}

  /**
   * Reads all queries in file order.
   *
   * @throws IOException when unreadable or malformed (file and line named)
   */
  public static List<BenchQuery> read(Path file) throws IOException {
    List<BenchQuery> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    JsonLines.forEach(file, (node, lineNo) -> {
      String id = JsonLines.requiredText(node, "_id", file, lineNo);
      if (!ids.add(id)) {
        throw new IOException(JsonLines.where(file, lineNo) + "duplicate query id '" + id + "'");
      }
      out.add(new BenchQuery(id,
          JsonLines.requiredText(node, "text", file, lineNo),
          JsonLines.optionalText(node, "category", file, lineNo),
          day(JsonLines.optionalText(node, "as_of", file, lineNo), "as_of", file, lineNo),
          day(JsonLines.optionalText(node, "question_date", file, lineNo), "question_date", file,
              lineNo)));
    });
    return out;
  }

  private static LocalDate day(String value, String field, Path file, int lineNo)
      throws IOException {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IOException(JsonLines.where(file, lineNo) + "illegal " + field + ": '" + value
          + "', must be YYYY-MM-DD");
    }
  }
}
