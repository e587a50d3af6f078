package io.quarry.embeddings.rerank;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of the ONNX protobuf to pull the float weights and the node wiring out of a BERT
 * export: {@code ModelProto.graph (7)} -> {@code GraphProto.node (1), initializer (5), output
 * (12)} -> {@code TensorProto dims (1), data_type (2), float_data (4), name (8), raw_data (9)} and
 * {@code NodeProto input (1), output (2), op_type (4), attribute (5)} (Constant nodes' {@code
 * AttributeProto.t (5)} tensors count as initializers). No dependency on the onnx
 * library: only {@link BaseEncoder} reads ONNX files.
 */
final class OnnxGraph {

  /** A float32 tensor: name, shape and values in row-major order. */
  record Tensor(String name, long[] dims, float[] values) {}

  /** One graph node. */
  record Node(String opType, List<String> inputs, List<String> outputs) {}

  final Map<String, Tensor> initializers = new LinkedHashMap<>();
  final List<Node> nodes = new ArrayList<>();
  final List<String> outputs = new ArrayList<>();

  private static final int FLOAT = 1;

  static OnnxGraph parse(byte[] model) throws IOException {
    OnnxGraph g = new OnnxGraph();
    Reader reader = new Reader(ByteBuffer.wrap(model));
    while (reader.more()) {
      int tag = reader.tag();
      if (tag >>> 3 == 7 && (tag & 7) == 2) {
        g.readGraph(reader.message());
      } else {
        reader.skip(tag);
      }
    }
    if (g.nodes.isEmpty()) {
      throw new IOException("no graph in the ONNX model");
    }
    return g;
  }

  private void readGraph(Reader r) throws IOException {
    while (r.more()) {
      int tag = r.tag();
      switch (tag >>> 3) {
        case 1 -> readNode(r.message());
        case 5 -> add(readTensor(r.message()));
        case 12 -> outputs.add(firstString(r.message()));
        default -> r.skip(tag);
      }
    }
  }

  private void add(Tensor t) {
    if (t != null) {
      initializers.put(t.name(), t);
    }
  }

  private void readNode(Reader r) throws IOException {
    List<String> in = new ArrayList<>();
    List<String> out = new ArrayList<>();
    String op = "";
    Tensor constant = null;
    while (r.more()) {
      int tag = r.tag();
      switch (tag >>> 3) {
        case 1 -> in.add(r.string());
        case 2 -> out.add(r.string());
        case 4 -> op = r.string();
        case 5 -> constant = attributeTensor(r.message());
        default -> r.skip(tag);
      }
    }
    if ("Constant".equals(op) && constant != null && out.size() == 1) {
      add(new Tensor(out.get(0), constant.dims(), constant.values()));
    }
    nodes.add(new Node(op, in, out));
  }

  private static Tensor attributeTensor(Reader r) throws IOException {
    Tensor t = null;
    while (r.more()) {
      int tag = r.tag();
      if (tag >>> 3 == 5 && (tag & 7) == 2) {
        t = readTensor(r.message());
      } else {
        r.skip(tag);
      }
    }
    return t;
  }

  /** Reads a TensorProto; null unless it is float32 (int64 shape constants are not weights). */
  private static Tensor readTensor(Reader r) throws IOException {
    List<Long> dims = new ArrayList<>();
    int type = 0;
    String name = "";
    byte[] raw = null;
    List<Float> floats = new ArrayList<>();
    while (r.more()) {
      int tag = r.tag();
      int field = tag >>> 3;
      if (field == 1 && (tag & 7) == 0) {
        dims.add(r.varint());
      } else if (field == 1 && (tag & 7) == 2) {
        Reader packed = r.message();
        while (packed.more()) {
          dims.add(packed.varint());
        }
      } else if (field == 2) {
        type = (int) r.varint();
      } else if (field == 4 && (tag & 7) == 2) {
        ByteBuffer b = r.bytes().order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
          floats.add(b.getFloat());
        }
      } else if (field == 4 && (tag & 7) == 5) {
        floats.add(Float.intBitsToFloat(r.fixed32()));
      } else if (field == 8) {
        name = r.string();
      } else if (field == 9) {
        ByteBuffer b = r.bytes();
        raw = new byte[b.remaining()];
        b.get(raw);
      } else {
        r.skip(tag);
      }
    }
    if (type != FLOAT) {
      return null;
    }
    float[] values;
    if (raw != null) {
      values = new float[raw.length / 4];
      ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    } else {
      values = new float[floats.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = floats.get(i);
      }
    }
    return new Tensor(name, dims.stream().mapToLong(Long::longValue).toArray(), values);
  }

  private static String firstString(Reader r) throws IOException {
    while (r.more()) {
      int tag = r.tag();
      if (tag >>> 3 == 1 && (tag & 7) == 2) {
        return r.string();
      }
      r.skip(tag);
    }
    return "";
  }

  /** Protobuf wire-format reader over a byte range. */
  private static final class Reader {

    private final ByteBuffer buf;

    Reader(ByteBuffer buf) {
      this.buf = buf;
    }

    boolean more() {
      return buf.hasRemaining();
    }

    int tag() throws IOException {
      return (int) varint();
    }

    long varint() throws IOException {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = buf.get();
        result |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return result;
        }
      }
      throw new IOException("malformed varint");
    }

    int fixed32() {
      return buf.order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    ByteBuffer bytes() throws IOException {
      int len = Math.toIntExact(varint());
      ByteBuffer slice = buf.slice(buf.position(), len);
      buf.position(buf.position() + len);
      return slice;
    }

    Reader message() throws IOException {
      return new Reader(bytes());
    }

    String string() throws IOException {
      return StandardCharsets.UTF_8.decode(bytes()).toString();
    }

    void skip(int tag) throws IOException {
      switch (tag & 7) {
        case 0 -> varint();
        case 1 -> buf.position(buf.position() + 8);
        case 2 -> bytes();
        case 5 -> buf.position(buf.position() + 4);
        default -> throw new IOException("unsupported wire type " + (tag & 7));
      }
    }
  }
}
