package io.quarry.embeddings.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An append-only file of embeddings for one model id, keyed by {@link TextKey}.
 *
 * <p>Format ({@link CacheFormat}): a header naming the model id and dimension, then fixed-size
 * records {@code key, vector, CRC32C}. Fixed-size records make a torn write visible as a short or
 * failing tail.
 *
 * <p>Contract: {@link #get} never returns a vector whose record fails its checksum (checked on
 * every read). Opening a file written for another model id or dimension fails rather than mixing
 * vectors. {@link #open} scans the whole file (about 0.3 s per 300 MB from the page cache),
 * indexes each record's position, skips corrupt records and truncates the file after the last
 * intact record, so a crash mid-append costs at most the records being written. The first vector
 * stored for a key wins; later puts of that key are ignored.
 *
 * <p>Cost: {@link #get} is a hash lookup and one positional read of {@code 4 * dimension + 20}
 * bytes; {@link #putAll} one write for the whole batch. Appends reach the OS at once and the disk
 * at {@link #flush()} or {@link #close()}.
 *
 * <p>Thread-safe: reads are lock-free positional reads; appends take one lock. An exclusive file
 * lock keeps a second process (or a second open in this JVM) out. A thread interrupted during I/O
 * closes a {@link FileChannel} for everyone; the cache reopens it and finishes the call, keeping
 * the interrupt flag set.
 */
public final class DiskEmbeddingCache implements AutoCloseable {

  private static final int SCAN_RECORDS = 1024;

  private final Path file;
  private final String modelId;
  private final int dimension;
  private final int recordSize;
  private final long headerSize;
  private final FileChannel lockChannel;
  private final FileLock fileLock;
  private final ConcurrentHashMap<TextKey, Integer> index;
  private final ReentrantLock appendLock = new ReentrantLock();
  private volatile FileChannel channel;
  private volatile boolean closed;
  private long records; // guarded by appendLock after open
  private final long truncatedBytes;
  private final int skippedRecords;

  private DiskEmbeddingCache(Path file, String modelId, int dimension) throws IOException {
    this.file = file;
    this.modelId = modelId;
    this.dimension = dimension;
    this.recordSize = CacheFormat.recordSize(dimension);
    byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
    this.headerSize = CacheFormat.headerSize(id);
    this.lockChannel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new IllegalStateException("embedding cache " + file + " is already open (in this or another process)");
    }
    this.fileLock = lock;
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      long size = channel.size();
      // shorter than a header: empty, or torn while the header was written; no records to keep
      if (size < CacheFormat.FIXED_HEADER || !CacheFormat.checkHeader(channel, size, file, modelId, dimension)) {
        CacheFormat.writeHeader(channel, id, dimension);
      }
      size = channel.size();
      this.index = new ConcurrentHashMap<>((int) Math.min(1 << 24, 1 + (size - headerSize) / recordSize * 4 / 3));
      long[] scan = scan(size);
      this.records = scan[0];
      this.skippedRecords = (int) scan[1];
      long end = headerSize + records * recordSize;
      this.truncatedBytes = size - end;
      if (truncatedBytes > 0) {
        channel.truncate(end);
        channel.force(true);
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /**
   * Opens (creating if needed) the cache file for {@code modelId} in {@code directory}.
   *
   * @throws IllegalStateException if the file belongs to another model id or dimension, has a
   *     corrupt header, or is already open
   * @throws UncheckedIOException on I/O failure
   */
  public static DiskEmbeddingCache open(Path directory, String modelId, int dimension) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(modelId, "modelId");
    if (modelId.isBlank()) {
      throw new IllegalArgumentException("illegal modelId: must not be blank");
    }
    if (dimension < 1 || dimension > 65536) {
      throw new IllegalArgumentException("illegal dimension: " + dimension + ", must be in 1..65536");
    }
    try {
      Files.createDirectories(directory);
      return new DiskEmbeddingCache(fileFor(directory, modelId), modelId, dimension);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open embedding cache for " + modelId + " in " + directory, e);
    }
  }

  /**
   * The file for a model id: the id made file-name safe plus 8 hex digits of its hash, so that
   * ids differing only in unsafe characters still get different files.
   */
  public static Path fileFor(Path directory, String modelId) {
    String safe = modelId.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > 80) {
      safe = safe.substring(0, 80);
    }
    String hash = TextKey.of(modelId).toString().substring(0, 8);
    return directory.resolve(safe + "-" + hash + ".qemb");
  }

  public String modelId() {
    return modelId;
  }

  public int dimension() {
    return dimension;
  }

  public Path file() {
    return file;
  }

  /** Number of texts with a vector. */
  public int size() {
    return index.size();
  }

  /** Bytes cut off the end of the file when it was opened (a torn or corrupt tail). */
  public long truncatedBytes() {
    return truncatedBytes;
  }

  /** Records before the tail that failed their checksum when the file was opened; never served. */
  public int skippedRecords() {
    return skippedRecords;
  }

  /** The vector stored for {@code key} (a new array), or null. */
  public float[] get(TextKey key) {
    ensureOpen();
    Integer ordinal = index.get(key);
    if (ordinal == null) {
      return null;
    }
    ByteBuffer buf = ByteBuffer.allocate(recordSize).order(ByteOrder.LITTLE_ENDIAN);
    long pos = headerSize + (long) ordinal * recordSize;
    io(ch -> {
      buf.clear();
      CacheFormat.readFully(ch, buf, pos);
      return null;
    });
    if (!CacheFormat.intact(buf, 0, recordSize) || buf.getLong(0) != key.high() || buf.getLong(8) != key.low()) {
      index.remove(key, ordinal); // damaged after open: drop it, the caller re-encodes
      return null;
    }
    float[] v = new float[dimension];
    buf.position(16);
    buf.asFloatBuffer().get(v);
    return v;
  }

  /** Stores one vector; see {@link #putAll}. */
  public void put(TextKey key, float[] vector) {
    putAll(List.of(key), List.of(vector));
  }

  /**
   * Appends the vectors of keys not yet stored, in one write. Keys already present (or repeated in
   * the call) keep their first vector.
   *
   * @throws IllegalArgumentException if the lists differ in size or a vector has the wrong length
   */
  public void putAll(List<TextKey> keys, List<float[]> vectors) {
    if (keys.size() != vectors.size()) {
      throw new IllegalArgumentException("illegal putAll: " + keys.size() + " keys, " + vectors.size() + " vectors");
    }
    for (float[] v : vectors) {
      if (v.length != dimension) {
        throw new IllegalArgumentException("illegal vector: dimension " + v.length + ", must be " + dimension);
      }
    }
    appendLock.lock();
    try {
      ensureOpen();
      Set<TextKey> seen = new HashSet<>();
      ByteBuffer buf = ByteBuffer.allocate(keys.size() * recordSize).order(ByteOrder.LITTLE_ENDIAN);
      int added = 0;
      TextKey[] addedKeys = new TextKey[keys.size()];
      for (int i = 0; i < keys.size(); i++) {
        TextKey key = keys.get(i);
        if (index.containsKey(key) || !seen.add(key)) {
          continue;
        }
        CacheFormat.putRecord(buf, key, vectors.get(i));
        addedKeys[added++] = key;
      }
      if (added == 0) {
        return;
      }
      buf.flip();
      long pos = headerSize + records * recordSize;
      io(ch -> {
        ByteBuffer b = buf.duplicate();
        long p = pos;
        while (b.hasRemaining()) {
          p += ch.write(b, p);
        }
        return null;
      });
      for (int i = 0; i < added; i++) {
        index.put(addedKeys[i], (int) (records + i));
      }
      records += added;
    } finally {
      appendLock.unlock();
    }
  }

  /** Forces appended records to the storage device. */
  public void flush() {
    ensureOpen();
    io(ch -> {
      ch.force(false);
      return null;
    });
  }

  @Override
  public void close() {
    appendLock.lock();
    try {
      if (closed) {
        return;
      }
      try {
        channel.force(false);
      } catch (IOException e) {
        // closing anyway; records already written reached the OS
      }
      closed = true;
      closeQuietly();
    } finally {
      appendLock.unlock();
    }
  }

  // ---- opening

  /** Indexes intact records; returns {records up to and including the last intact one, skipped}. */
  private long[] scan(long size) throws IOException {
    long full = (size - headerSize) / recordSize;
    ByteBuffer buf = ByteBuffer.allocate(SCAN_RECORDS * recordSize).order(ByteOrder.LITTLE_ENDIAN);
    long lastIntact = -1;
    long skipped = 0;
    for (long first = 0; first < full; first += SCAN_RECORDS) {
      int n = (int) Math.min(SCAN_RECORDS, full - first);
      buf.clear().limit(n * recordSize);
      CacheFormat.readFully(channel, buf, headerSize + first * recordSize);
      for (int i = 0; i < n; i++) {
        int off = i * recordSize;
        if (CacheFormat.intact(buf, off, recordSize)) {
          index.putIfAbsent(new TextKey(buf.getLong(off), buf.getLong(off + 8)), (int) (first + i));
          lastIntact = first + i;
        } else {
          skipped++;
        }
      }
    }
    // corrupt records after the last intact one are the torn tail, not "skipped"
    long tail = full - 1 - lastIntact;
    return new long[] {lastIntact + 1, skipped - tail};
  }

  // ---- I/O helpers

  private interface ChannelOp {
    Object apply(FileChannel channel) throws IOException;
  }

  private void io(ChannelOp op) {
    boolean interrupted = false;
    try {
      for (int attempt = 0; ; attempt++) {
        FileChannel ch = channel;
        try {
          op.apply(ch);
          return;
        } catch (ClosedChannelException e) {
          if (closed) {
            throw new IllegalStateException("embedding cache " + file + " is closed", e);
          }
          if (attempt >= 3) {
            throw new UncheckedIOException("embedding cache " + file + " keeps getting closed", e);
          }
          if (e instanceof ClosedByInterruptException) {
            interrupted |= Thread.interrupted(); // finish this call, restore the flag after
          }
          reopen(ch);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("I/O error on embedding cache " + file, e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private synchronized void reopen(FileChannel broken) throws IOException {
    if (channel == broken && !closed) {
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("embedding cache " + file + " is closed");
    }
  }

  private void closeQuietly() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // nothing more to do
    }
    try {
      if (fileLock != null) {
        fileLock.release();
      }
      lockChannel.close();
    } catch (IOException ignored) {
      // nothing more to do
    }
  }

  @Override
  public String toString() {
    return "DiskEmbeddingCache[" + file + ", " + modelId + ", " + size() + " vectors]";
  }
}
