package io.quarry.graph.store;

import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.Fact;
import io.quarry.graph.model.Mention;
import io.quarry.graph.model.PassageFacts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** An {@link Extraction} as bytes, for the embedded store's log. */
final class ExtractionCodec {

  private static final long UNDATED = Long.MIN_VALUE;

  private ExtractionCodec() {}

  static byte[] encode(Extraction e) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF(e.documentId());
      out.writeUTF(e.contentHash());
      out.writeUTF(e.title());
      out.writeLong(e.date() == null ? UNDATED : e.date().toEpochDay());
      out.writeUTF(e.extractor());
      out.writeInt(e.passages().size());
      for (PassageFacts p : e.passages()) {
        out.writeInt(p.ordinal());
        out.writeInt(p.mentions().size());
        for (Mention m : p.mentions()) {
          out.writeUTF(m.key());
          out.writeUTF(m.name());
          out.writeUTF(m.type());
        }
        out.writeInt(p.facts().size());
        for (Fact f : p.facts()) {
          out.writeUTF(f.source());
          out.writeUTF(f.target());
          out.writeUTF(f.type());
        }
      }
      return bytes.toByteArray();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
  }

  static Extraction decode(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    String id = in.readUTF();
    String hash = in.readUTF();
    String title = in.readUTF();
    long day = in.readLong();
    String extractor = in.readUTF();
    int n = in.readInt();
    List<PassageFacts> passages = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int ordinal = in.readInt();
      int nm = in.readInt();
      List<Mention> mentions = new ArrayList<>(nm);
      for (int j = 0; j < nm; j++) {
        mentions.add(new Mention(in.readUTF(), in.readUTF(), in.readUTF()));
      }
      int nf = in.readInt();
      List<Fact> facts = new ArrayList<>(nf);
      for (int j = 0; j < nf; j++) {
        facts.add(new Fact(in.readUTF(), in.readUTF(), in.readUTF()));
      }
      passages.add(new PassageFacts(ordinal, mentions, facts));
    }
    return new Extraction(id, hash, title, day == UNDATED ? null : LocalDate.ofEpochDay(day), extractor, passages);
  }
}
