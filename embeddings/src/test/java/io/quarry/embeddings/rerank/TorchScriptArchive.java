package io.quarry.embeddings.rerank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.embeddings.rerank.Safetensors.F32;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a BERT cross-encoder checkpoint as a real TorchScript archive, the zip layout {@code
 * torch.jit.save} produces and {@code torch::jit::load} reads, without Python: {@code
 * archive/version}, {@code archive/code/__torch__.py} (the module's class in TorchScript source,
 * compiled by libtorch when it loads), {@code archive/data.pkl} (the module object as a protocol-2
 * pickle: its attributes, each tensor a {@code torch._utils._rebuild_tensor_v2} call over a
 * persistent storage id), {@code archive/constants.pkl} (an empty tuple) and {@code
 * archive/data/N} (each tensor's raw little-endian float32 bytes). Entries are stored uncompressed,
 * as PyTorch writes them.
 *
 * <p>The module's {@code forward(input_ids, attention_mask, token_type_ids)} is the BERT forward
 * pass written out layer by layer in aten operations and returns {@code [batch, num_labels]}
 * logits: the interface of a traced Hugging Face sequence classifier. It is not the output of
 * {@code torch.jit.trace} (PyPI, and so PyTorch for Python, is unreachable here), but libtorch
 * parses, compiles and runs it through exactly the path a traced file takes. Test fixture.
 */
final class TorchScriptArchive {

  private static final String CLASS = "CrossEncoder";

  private TorchScriptArchive() {}

  /** Converts the BERT checkpoint in {@code checkpoint} (config.json, model.safetensors). */
  static void write(Path checkpoint, Path file) throws IOException {
    JsonNode config = new ObjectMapper().readTree(checkpoint.resolve(SafetensorsModel.CONFIG_FILE).toFile());
    Map<String, F32> in = Safetensors.read(checkpoint.resolve(SafetensorsModel.WEIGHTS_FILE));
    int layers = config.get("num_hidden_layers").asInt();
    int hidden = config.get("hidden_size").asInt();
    int heads = config.get("num_attention_heads").asInt();
    double eps = config.get("layer_norm_eps").asDouble();

    Map<String, F32> attrs = new LinkedHashMap<>();
    attrs.put("emb_word", in.get("bert.embeddings.word_embeddings.weight"));
    attrs.put("emb_pos", in.get("bert.embeddings.position_embeddings.weight"));
    attrs.put("emb_type", in.get("bert.embeddings.token_type_embeddings.weight"));
    attrs.put("emb_ln_w", in.get("bert.embeddings.LayerNorm.weight"));
    attrs.put("emb_ln_b", in.get("bert.embeddings.LayerNorm.bias"));
    String[][] parts = {
        {"q", "attention.self.query"}, {"k", "attention.self.key"}, {"v", "attention.self.value"},
        {"o", "attention.output.dense"}, {"ln1", "attention.output.LayerNorm"},
        {"i", "intermediate.dense"}, {"f", "output.dense"}, {"ln2", "output.LayerNorm"}};
    for (int l = 0; l < layers; l++) {
      for (String[] p : parts) {
        attrs.put("l" + l + "_" + p[0] + "_w", in.get("bert.encoder.layer." + l + "." + p[1] + ".weight"));
        attrs.put("l" + l + "_" + p[0] + "_b", in.get("bert.encoder.layer." + l + "." + p[1] + ".bias"));
      }
    }
    attrs.put("pool_w", in.get("bert.pooler.dense.weight"));
    attrs.put("pool_b", in.get("bert.pooler.dense.bias"));
    attrs.put("cls_w", in.get("classifier.weight"));
    attrs.put("cls_b", in.get("classifier.bias"));
    attrs.forEach((name, t) -> {
      if (t == null) {
        throw new IllegalArgumentException("checkpoint lacks the tensor for " + name);
      }
    });

    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      stored(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
      stored(zip, "archive/code/__torch__.py",
          source(attrs.keySet(), layers, hidden, heads, eps).getBytes(StandardCharsets.UTF_8));
      stored(zip, "archive/constants.pkl", new Pickle().emptyTuple().stop());
      stored(zip, "archive/data.pkl", module(attrs));
      int key = 0;
      for (F32 t : attrs.values()) {
        ByteBuffer b = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(t.values());
        stored(zip, "archive/data/" + key++, b.array());
      }
    }
  }

  /** The module class in TorchScript source, as {@code torch.jit.save} prints it. */
  static String source(Iterable<String> attrs, int layers, int hidden, int heads, double eps) {
    StringBuilder s = new StringBuilder();
    s.append("class ").append(CLASS).append("(Module):\n");
    List<String> quoted = new ArrayList<>();
    attrs.forEach(a -> quoted.add('"' + a + '"'));
    s.append("  __parameters__ = [").append(String.join(", ", quoted)).append(", ]\n");
    s.append("  __buffers__ = []\n");
    attrs.forEach(a -> s.append("  ").append(a).append(" : Tensor\n"));
    s.append("  training : bool\n");
    s.append("  def forward(self: __torch__.").append(CLASS).append(",\n")
        .append("    input_ids: Tensor,\n    attention_mask: Tensor,\n    token_type_ids: Tensor) -> Tensor:\n");
    String e = String.format(Locale.ROOT, "%.9e", eps);
    int d = hidden / heads;
    String scale = String.format(Locale.ROOT, "%.9e", 1.0 / Math.sqrt(d));
    s.append("    b = torch.size(input_ids, 0)\n");
    s.append("    s = torch.size(input_ids, 1)\n");
    s.append("    pos = torch.sub(torch.cumsum(torch.ones_like(input_ids), 1), 1)\n");
    s.append("    x = torch.add(torch.add(torch.embedding(self.emb_word, input_ids), torch.embedding(self.emb_pos, pos)),"
        + " torch.embedding(self.emb_type, token_type_ids))\n");
    s.append("    x = torch.layer_norm(x, [").append(hidden).append("], self.emb_ln_w, self.emb_ln_b, ").append(e).append(")\n");
    s.append("    m = torch.to(torch.unsqueeze(torch.unsqueeze(attention_mask, 1), 2), 6)\n");
    s.append("    bias = torch.mul(torch.rsub(m, 1.), -3.4028234663852886e+38)\n");
    for (int l = 0; l < layers; l++) {
      String p = "self.l" + l + "_";
      String shape = "[b, s, " + heads + ", " + d + "]";
      s.append("    q = torch.transpose(torch.reshape(torch.linear(x, ").append(p).append("q_w, ").append(p)
          .append("q_b), ").append(shape).append("), 1, 2)\n");
      s.append("    k = torch.permute(torch.reshape(torch.linear(x, ").append(p).append("k_w, ").append(p)
          .append("k_b), ").append(shape).append("), [0, 2, 3, 1])\n");
      s.append("    v = torch.transpose(torch.reshape(torch.linear(x, ").append(p).append("v_w, ").append(p)
          .append("v_b), ").append(shape).append("), 1, 2)\n");
      s.append("    scores = torch.add(torch.mul(torch.matmul(q, k), ").append(scale).append("), bias)\n");
      s.append("    ctx = torch.reshape(torch.transpose(torch.matmul(torch.softmax(scores, -1), v), 1, 2), [b, s, ")
          .append(hidden).append("])\n");
      s.append("    a = torch.layer_norm(torch.add(torch.linear(ctx, ").append(p).append("o_w, ").append(p)
          .append("o_b), x), [").append(hidden).append("], ").append(p).append("ln1_w, ").append(p).append("ln1_b, ")
          .append(e).append(")\n");
      s.append("    h = torch.gelu(torch.linear(a, ").append(p).append("i_w, ").append(p).append("i_b))\n");
      s.append("    x = torch.layer_norm(torch.add(torch.linear(h, ").append(p).append("f_w, ").append(p)
          .append("f_b), a), [").append(hidden).append("], ").append(p).append("ln2_w, ").append(p).append("ln2_b, ")
          .append(e).append(")\n");
    }
    s.append("    pooled = torch.tanh(torch.linear(torch.select(x, 1, 0), self.pool_w, self.pool_b))\n");
    s.append("    return torch.linear(pooled, self.cls_w, self.cls_b)\n");
    return s.toString();
  }

  /** The module object: {@code __torch__.CrossEncoder} built from a dict of its attributes. */
  private static byte[] module(Map<String, F32> attrs) {
    Pickle p = new Pickle().global("__torch__", CLASS).emptyTuple().op(Pickle.NEWOBJ).op(Pickle.EMPTY_DICT)
        .op(Pickle.MARK);
    p.string("training").op(Pickle.NEWFALSE);
    int key = 0;
    for (Map.Entry<String, F32> e : attrs.entrySet()) {
      p.string(e.getKey());
      tensor(p, Integer.toString(key++), e.getValue().shape());
    }
    return p.op(Pickle.SETITEMS).op(Pickle.BUILD).stop();
  }

  /** {@code _rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())}, contiguous. */
  private static void tensor(Pickle p, String key, long[] shape) {
    long numel = 1;
    for (long d : shape) {
      numel *= d;
    }
    p.global("torch._utils", "_rebuild_tensor_v2").op(Pickle.MARK);
    p.op(Pickle.MARK).string("storage").global("torch", "FloatStorage").string(key).string("cpu").integer(numel)
        .op(Pickle.TUPLE).op(Pickle.BINPERSID);
    p.integer(0);
    p.op(Pickle.MARK);
    for (long d : shape) {
      p.integer(d);
    }
    p.op(Pickle.TUPLE).op(Pickle.MARK);
    long stride = numel;
    for (long d : shape) {
      stride /= d;
      p.integer(stride);
    }
    p.op(Pickle.TUPLE).op(Pickle.NEWFALSE);
    p.global("collections", "OrderedDict").emptyTuple().op(Pickle.REDUCE);
    p.op(Pickle.TUPLE).op(Pickle.REDUCE);
  }

  private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(data.length);
    entry.setCompressedSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }

  /** The protocol-2 pickle opcodes libtorch's unpickler reads. */
  private static final class Pickle {

    static final int MARK = '(';
    static final int TUPLE = 't';
    static final int EMPTY_DICT = '}';
    static final int SETITEMS = 'u';
    static final int BUILD = 'b';
    static final int REDUCE = 'R';
    static final int BINPERSID = 'Q';
    static final int NEWOBJ = 0x81;
    static final int NEWFALSE = 0x89;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Pickle() {
      out.write(0x80); // PROTO
      out.write(2);
    }

    Pickle op(int code) {
      out.write(code);
      return this;
    }

    Pickle emptyTuple() {
      return op(')');
    }

    Pickle global(String module, String name) {
      op('c');
      write((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
      return this;
    }

    Pickle string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      op('X'); // BINUNICODE
      write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
      write(b);
      return this;
    }

    Pickle integer(long v) {
      op('J'); // BININT: signed 32-bit little-endian
      write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(Math.toIntExact(v)).array());
      return this;
    }

    byte[] stop() {
      out.write('.');
      return out.toByteArray();
    }

    private void write(byte[] b) {
      out.write(b, 0, b.length);
    }
  }

  /** Copies the checkpoint's {@code tokenizer.json} beside the archive, where the reranker looks. */
  static void copyTokenizer(Path checkpoint, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file.resolveSibling(CrossEncoderReranker.TOKENIZER_FILE))) {
      Files.copy(checkpoint.resolve(CrossEncoderReranker.TOKENIZER_FILE), out);
    }
  }
}
