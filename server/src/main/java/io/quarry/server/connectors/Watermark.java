package io.quarry.server.connectors;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far a connector has synced: each file it has sent, by path relative to its root, with what
 * it looked like then. A file whose modification time and size are unchanged is not read again;
 * one whose bytes hash the same is not sent again; one that is gone is deleted.
 *
 * @param files by relative path ({@code /}-separated)
 */
public record Watermark(Map<String, FileMark> files) {

  public static final Watermark EMPTY = new Watermark(Map.of());

  public Watermark {
    files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
  }

  /**
   * One file as last sent.
   *
   * @param modified modification time, epoch milliseconds
   * @param size bytes
   * @param hash SHA-256 of its bytes
   * @param ids the documents it produced (one for a note; every line's id for a JSONL file)
   */
  public record FileMark(long modified, long size, String hash, List<String> ids) {
    public FileMark {
      ids = List.copyOf(ids);
    }
  }
}
