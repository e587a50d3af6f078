package io.quarry.embeddings.rerank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes float32 tensors in the safetensors layout (8-byte little-endian header length, JSON
 * header of name -> dtype/shape/data_offsets, then the raw little-endian data), independently of
 * DJL's reader, and reads them back: {@link BaseEncoder} writes converted checkpoints with it, and
 * tests read tensors back to check them.
 */
final class Safetensors {

  private Safetensors() {}

  /** A float32 tensor to write. */
  record F32(long[] shape, float[] values) {

    F32 {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      if (n != values.length) {
        throw new IllegalArgumentException("shape holds " + n + " values, got " + values.length);
      }
    }
  }

  /** Reads every F32 tensor of a safetensors file, in header order. */
  static Map<String, F32> read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength = Math.toIntExact(buf.getLong(0));
    JsonNode header = new ObjectMapper().readTree(bytes, 8, headerLength);
    Map<String, F32> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : header.properties()) {
      JsonNode t = e.getValue();
      if (e.getKey().equals("__metadata__")) {
        continue;
      }
      if (!"F32".equals(t.path("dtype").asText())) {
        throw new IOException("tensor " + e.getKey() + " is " + t.path("dtype").asText() + ", not F32");
      }
      long[] shape = new long[t.path("shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = t.path("shape").get(i).asLong();
      }
      int begin = t.path("data_offsets").get(0).asInt();
      int end = t.path("data_offsets").get(1).asInt();
      float[] values = new float[(end - begin) / 4];
      buf.slice(8 + headerLength + begin, end - begin).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
      out.put(e.getKey(), new F32(shape, values));
    }
    return out;
  }

  static void write(Path file, Map<String, F32> tensors) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode header = json.createObjectNode();
    header.putObject("__metadata__").put("format", "pt");
    long offset = 0;
    for (Map.Entry<String, F32> e : tensors.entrySet()) {
      ObjectNode t = header.putObject(e.getKey());
      t.put("dtype", "F32");
      var shape = t.putArray("shape");
      for (long d : e.getValue().shape()) {
        shape.add(d);
      }
      long end = offset + 4L * e.getValue().values().length;
      t.putArray("data_offsets").add(offset).add(end);
      offset = end;
    }
    StringBuilder text = new StringBuilder(json.writeValueAsString(header));
    while (text.length() % 8 != 0) {
      text.append(' '); // the format pads the header with spaces to 8-byte alignment
    }
    byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(head.length).array());
      out.write(head);
      for (F32 t : tensors.values()) {
        ByteBuffer b = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(t.values());
        out.write(b.array());
      }
    }
  }
}
