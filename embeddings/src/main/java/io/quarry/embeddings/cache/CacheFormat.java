package io.quarry.embeddings.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of a {@link DiskEmbeddingCache} file, little endian:
 *
 * <pre>
 * header: magic "QEMB" | version | dimension | id length | model id (UTF-8) | CRC32C of the above
 * record: key high | key low | dimension floats | CRC32C of the above     (fixed size)
 * </pre>
 *
 * Stateless helpers; thread-safe.
 */
final class CacheFormat {

  static final int MAGIC = 0x424D4551; // "QEMB" read as a little-endian int
  static final int VERSION = 1;
  static final int FIXED_HEADER = 16;

  private CacheFormat() {}

  static long headerSize(byte[] modelId) {
    return FIXED_HEADER + modelId.length + 4L;
  }

  static int recordSize(int dimension) {
    return 16 + 4 * dimension + 4;
  }

  /** Replaces the file's content with a header and forces it to disk. */
  static void writeHeader(FileChannel ch, byte[] modelId, int dimension) throws IOException {
    ByteBuffer h = ByteBuffer.allocate((int) headerSize(modelId)).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(MAGIC).putInt(VERSION).putInt(dimension).putInt(modelId.length).put(modelId);
    CRC32C crc = new CRC32C();
    crc.update(h.array(), 0, h.position());
    h.putInt((int) crc.getValue()).flip();
    ch.truncate(0);
    while (h.hasRemaining()) {
      ch.write(h, h.position());
    }
    ch.force(true);
  }

  /**
   * Validates the header of a file of {@code size} bytes.
   *
   * @return false if it is a Quarry cache header torn while being written (no records to keep)
   * @throws IllegalStateException if it is not a cache file, is corrupt, or belongs to another
   *     model id, dimension or format version
   */
  static boolean checkHeader(FileChannel ch, long size, Path file, String modelId, int dimension) throws IOException {
    ByteBuffer fixed = ByteBuffer.allocate(FIXED_HEADER).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, fixed, 0);
    int magic = fixed.getInt(0);
    int version = fixed.getInt(4);
    int dim = fixed.getInt(8);
    int idLength = fixed.getInt(12);
    if (magic != MAGIC || idLength < 0 || idLength > 1 << 16) {
      throw new IllegalStateException("embedding cache " + file + " has no valid header");
    }
    if (size < FIXED_HEADER + idLength + 4L) {
      return false;
    }
    ByteBuffer rest = ByteBuffer.allocate(idLength + 4).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, rest, FIXED_HEADER);
    CRC32C crc = new CRC32C();
    crc.update(fixed.array());
    crc.update(rest.array(), 0, idLength);
    if ((int) crc.getValue() != rest.getInt(idLength)) {
      throw new IllegalStateException("embedding cache " + file + " has a corrupt header");
    }
    String storedId = new String(rest.array(), 0, idLength, StandardCharsets.UTF_8);
    if (version != VERSION || dim != dimension || !storedId.equals(modelId)) {
      throw new IllegalStateException("embedding cache " + file + " holds model '" + storedId + "' (dimension "
          + dim + ", format " + version + "), not '" + modelId + "' (dimension " + dimension + ", format " + VERSION + ")");
    }
    return true;
  }

  /** Appends one record (key, vector, checksum) at the buffer's position; heap buffer. */
  static void putRecord(ByteBuffer buf, TextKey key, float[] vector) {
    int start = buf.position();
    buf.putLong(key.high()).putLong(key.low());
    for (float x : vector) {
      buf.putFloat(x);
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), start, buf.position() - start);
    buf.putInt((int) crc.getValue());
  }

  /** Whether the record at {@code offset} of a heap buffer passes its checksum. */
  static boolean intact(ByteBuffer buf, int offset, int recordSize) {
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), offset, recordSize - 4);
    return (int) crc.getValue() == buf.getInt(offset + recordSize - 4);
  }

  static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    long p = pos;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, p);
      if (n < 0) {
        throw new IOException("unexpected end of file at " + p);
      }
      p += n;
    }
  }
}
