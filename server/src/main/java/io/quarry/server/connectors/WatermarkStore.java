package io.quarry.server.connectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.server.jobs.Durable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Each connector's watermark as {@code <name>.json}, replaced atomically and forced to disk after
 * the jobs it describes were accepted (so a crash in between makes the next sync send those
 * changes again, which the worker then finds unchanged: never lost, never doubled).
 */
final class WatermarkStore {

  private final Path dir;
  private final ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  WatermarkStore(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    Durable.removeTemporaries(dir);
  }

  Watermark load(String name) throws IOException {
    Path p = dir.resolve(name + ".json");
    return Files.exists(p) ? mapper.readValue(p.toFile(), Watermark.class) : Watermark.EMPTY;
  }

  void save(String name, Watermark w) throws IOException {
    Durable.write(dir.resolve(name + ".json"), true, mapper.writeValueAsBytes(w));
  }
}
