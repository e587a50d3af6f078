package io.quarry.graph.store;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The embedded store's file: an append-only log of records ({@code PUT} a document's extraction,
 * {@code DEL} a document), each framed as {@code [type][length][crc32c][bytes]}. {@link #sync()}
 * forces it to disk; a record torn by a crash fails its checksum and the log is cut there on
 * open, so the graph is always what some prefix of the writes said. Compaction rewrites the live
 * records into a new file and renames it over the old one atomically.
 *
 * <p>Not thread-safe: the store guards it.
 */
final class GraphLog implements AutoCloseable {

  static final byte PUT = 1;
  static final byte DEL = 2;
  private static final int HEADER = 1 + 4 + 4;

  /** What replay sees for each record. */
  interface Visitor {
    void record(byte type, long offset, byte[] payload) throws IOException;
  }

  private final Path file;
  private FileChannel channel;
  private long size;

  GraphLog(Path file) throws IOException {
    this.file = file;
    Files.createDirectories(file.getParent());
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    this.size = channel.size();
  }

  /** Replays every intact record in order, and cuts a torn tail off. */
  void replay(Visitor visitor) throws IOException {
    long pos = 0;
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    while (pos + HEADER <= size) {
      header.clear();
      readFully(header, pos);
      header.flip();
      byte type = header.get();
      int length = header.getInt();
      int crc = header.getInt();
      if ((type != PUT && type != DEL) || length < 0 || pos + HEADER + length > size) {
        break;
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      readFully(payload, pos + HEADER);
      if (checksum(payload.array()) != crc) {
        break;
      }
      visitor.record(type, pos, payload.array());
      pos += HEADER + length;
    }
    if (pos < size) {
      channel.truncate(pos);
      channel.force(true);
      size = pos;
    }
  }

  /** Appends a record; returns its offset. Not durable until {@link #sync()}. */
  long append(byte type, byte[] payload) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
    b.put(type).putInt(payload.length).putInt(checksum(payload)).put(payload).flip();
    long at = size;
    while (b.hasRemaining()) {
      channel.write(b, size + b.position());
    }
    size += HEADER + payload.length;
    return at;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The payload of the record at {@code offset}. */
  byte[] read(long offset) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    readFully(header, offset);
    header.flip();
    header.get();
    int length = header.getInt();
    ByteBuffer payload = ByteBuffer.allocate(length);
    readFully(payload, offset + HEADER);
    return payload.array();
  }

  void sync() throws IOException {
    channel.force(false);
  }

  long size() {
    return size;
  }

  /**
   * Replaces the log by one holding only {@code live} records, written by {@code writer} into a
   * temporary file that is synced and renamed over this one.
   */
  void rewrite(Rewriter writer) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".compacting");
    Files.deleteIfExists(tmp);
    GraphLog next = new GraphLog(tmp);
    writer.write(next);
    next.sync();
    next.channel.close();
    channel.close();
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    size = channel.size();
  }

  /** Writes the live records into the new log. */
  interface Rewriter {
    void write(GraphLog into) throws IOException;
  }

  private void readFully(ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      if (channel.read(b, pos + b.position()) < 0) {
        throw new EOFException("graph log ends early at " + (pos + b.position()));
      }
    }
  }

  private static int checksum(byte[] bytes) {
    CRC32C c = new CRC32C();
    c.update(bytes);
    return (int) c.getValue();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
