package io.quarry.server.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * {@value ModelPull#RECORD_FILE}: where a pulled checkpoint came from. Fields: {@code repo},
 * {@code revision} (as asked), {@code commit} (what it resolved to; absent when the hub did not
 * say), {@code endpoint}, {@code pulled_at} (ISO-8601 UTC) and {@code files}: {@code name},
 * {@code size}, {@code sha256} (of the bytes on disk) and {@code checked} ({@code "sha256"},
 * {@code "size"} or {@code "none"}: what the hub gave to check it against). Written to a
 * temporary name and renamed, so it is never read half-written. Never holds the token.
 */
final class PullRecord {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PullRecord() {}

  static void write(Path file, String endpoint, ModelPull.Result r) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("repo", r.repo());
    o.put("revision", r.revision());
    if (r.commit() != null) {
      o.put("commit", r.commit());
    }
    o.put("endpoint", endpoint);
    o.put("pulled_at", Instant.now().toString());
    ArrayNode files = o.putArray("files");
    for (ModelPull.PulledFile f : r.files()) {
      files.addObject().put("name", f.name()).put("size", f.size()).put("sha256", f.sha256())
          .put("checked", f.checked());
    }
    Path tmp = file.resolveSibling(file.getFileName() + ModelPull.PART);
    JSON.writeValue(tmp.toFile(), o);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
