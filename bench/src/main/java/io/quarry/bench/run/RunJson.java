package io.quarry.bench.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@link RunFile}s: pretty-printed UTF-8 JSON, numbers in plain decimal notation
 * ({@code 0.0001}, never {@code 1.0E-4}). Unknown fields are ignored when reading, so older
 * runners can read newer files.
 */
public final class RunJson {

  private static final ObjectMapper MAPPER = createMapper();

  private RunJson() {}

  /** Writes {@code run} to {@code file}, creating parent directories. */
  public static void write(Path file, RunFile run) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson(run) + "\n");
  }

  /** The JSON text of a run. */
  public static String toJson(RunFile run) throws IOException {
    return MAPPER.writeValueAsString(run);
  }

  /**
   * Reads a run file.
   *
   * @throws IOException when unreadable or not a run file (the file is named)
   */
  public static RunFile read(Path file) throws IOException {
    try {
      return MAPPER.readValue(file.toFile(), RunFile.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(file + ": not a readable run.json: " + e.getMessage(), e);
    }
  }

  private static ObjectMapper createMapper() {
    SimpleModule plainNumbers = new SimpleModule("plain-numbers");
    JsonSerializer<Double> plain = new JsonSerializer<>() {
      @Override
      public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
          throws IOException {
        gen.writeNumber(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
            .replaceFirst("^(-?\\d+)$", "$1.0"));
      }
    };
    plainNumbers.addSerializer(Double.class, plain);
    plainNumbers.addSerializer(double.class, plain);
    return new ObjectMapper()
        .registerModule(plainNumbers)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
