package io.quarry.core.index;

import java.util.Objects;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * The {@link Fields#HIT} doc value of a passage: the fields a hit displays, encoded once at index
 * time. A flags byte says which of date, source and url are present, then a VInt ordinal and
 * length-prefixed UTF-8 strings (Lucene's {@code writeString}). Reading one is a slice of a
 * doc-values file, about a microsecond, where a stored-fields load decompresses a block shared
 * with the neighbouring documents' full texts (tens of microseconds).
 */
public final class HitFields {

  private static final int HAS_DATE = 1;
  private static final int HAS_SOURCE = 2;
  private static final int HAS_URL = 4;

  /**
   * One passage's display fields.
   *
   * @param docId the document id
   * @param title its title, possibly empty
   * @param dateText its publish date as stored ({@code PublishDate.toString()}), or null
   * @param source its source, or null
   * @param url its url, or null
   * @param passage the passage text
   * @param ordinal the passage's position in its document
   */
  public record Decoded(String docId, String title, String dateText, String source, String url,
      String passage, int ordinal) {
    public Decoded {
      Objects.requireNonNull(docId, "docId");
    }
  }

  private HitFields() {}

  /** Encodes one passage's display fields. */
  public static BytesRef encode(String docId, String title, String dateText, String source,
      String url, String passage, int ordinal) {
    try {
      ByteBuffersDataOutput out = new ByteBuffersDataOutput();
      out.writeByte((byte) ((dateText != null ? HAS_DATE : 0) | (source != null ? HAS_SOURCE : 0)
          | (url != null ? HAS_URL : 0)));
      out.writeVInt(ordinal);
      out.writeString(docId);
      out.writeString(title == null ? "" : title);
      out.writeString(passage == null ? "" : passage);
      if (dateText != null) {
        out.writeString(dateText);
      }
      if (source != null) {
        out.writeString(source);
      }
      if (url != null) {
        out.writeString(url);
      }
      return new BytesRef(out.toArrayCopy());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // an in-memory output does not fail
    }
  }

  /** Decodes what {@link #encode} wrote. */
  public static Decoded decode(BytesRef bytes) {
    ByteArrayDataInput in = new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length);
    try {
      int flags = in.readByte();
      int ordinal = in.readVInt();
      String docId = in.readString();
      String title = in.readString();
      String passage = in.readString();
      String date = (flags & HAS_DATE) != 0 ? in.readString() : null;
      String source = (flags & HAS_SOURCE) != 0 ? in.readString() : null;
      String url = (flags & HAS_URL) != 0 ? in.readString() : null;
      return new Decoded(docId, title, date, source, url, passage, ordinal);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // an in-memory input does not fail
    }
  }
}
