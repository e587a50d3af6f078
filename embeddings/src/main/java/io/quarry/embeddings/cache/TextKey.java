package io.quarry.embeddings.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The cache key of a text: the first 128 bits of the SHA-256 of its UTF-8 bytes. At 128 bits the
 * chance of any collision among a billion texts is about 1e-21. Immutable value.
 */
public record TextKey(long high, long low) {

  /** Hashes a text. Cost: one SHA-256 pass over the text, about 2 microseconds per KB. */
  public static TextKey of(String text) {
    Objects.requireNonNull(text, "text");
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
    ByteBuffer digest = ByteBuffer.wrap(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    return new TextKey(digest.getLong(), digest.getLong());
  }

  @Override
  public String toString() {
    return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
  }
}
