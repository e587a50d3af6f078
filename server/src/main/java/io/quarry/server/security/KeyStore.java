package io.quarry.server.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.server.jobs.Durable;
import io.quarry.server.jobs.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API keys in one JSON file ({@code <data>/keys.json} by default), hashed. The command line
 * writes it ({@code quarry keys create}); a running server sees the change within a second,
 * since it re-reads the file when its modification time moves.
 *
 * <p>A key reads {@code qk_<id>_<secret>}: the id finds the entry, then the SHA-256 of the whole
 * key is compared in constant time ({@link MessageDigest#isEqual}).
 */
public final class KeyStore {

  static final String PREFIX = "qk_";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One entry as the file holds it. */
  record Entry(String id, String name, String scope, String sha256, String created) {
    ApiKey key() {
      return new ApiKey(id, name, Scope.parse(scope), sha256, Instant.parse(created));
    }
  }

  /** A key just made: the only time its secret is known. */
  public record Created(ApiKey key, String secret) {}

  private final Path file;
  private final Clock clock;
  private volatile Map<String, ApiKey> keys = Map.of();
  private volatile FileTime loadedAt;
  private volatile long checkedAtMillis;

  public KeyStore(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
    reload();
  }

  public Path file() {
    return file;
  }

  /** Every key, oldest first. */
  public List<ApiKey> list() {
    refresh();
    return List.copyOf(keys.values());
  }

  public boolean isEmpty() {
    refresh();
    return keys.isEmpty();
  }

  /** The key {@code token} is, if it is one of these. */
  public Optional<ApiKey> authenticate(String token) {
    refresh();
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int sep = token.indexOf('_', PREFIX.length());
    if (sep < 0) {
      return Optional.empty();
    }
    ApiKey k = keys.get(token.substring(PREFIX.length(), sep));
    if (k == null) {
      return Optional.empty();
    }
    byte[] given = HexFormat.of().parseHex(Hashes.sha256(token.getBytes(StandardCharsets.UTF_8)));
    byte[] stored = HexFormat.of().parseHex(k.sha256());
    return MessageDigest.isEqual(given, stored) ? Optional.of(k) : Optional.empty();
  }

  /** Makes a key with {@code scope}; the returned secret is shown once and never stored. */
  public synchronized Created create(String name, Scope scope) throws IOException {
    if (scope == Scope.OPEN) {
      throw new IllegalArgumentException("a key grants read, write or admin");
    }
    reload();
    byte[] idBytes = new byte[6];
    RANDOM.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiKey key = new ApiKey(id, name == null ? "" : name, scope,
        Hashes.sha256(token.getBytes(StandardCharsets.UTF_8)), clock.instant());
    Map<String, ApiKey> next = new LinkedHashMap<>(keys);
    next.put(id, key);
    save(next);
    return new Created(key, token);
  }

  /** Removes a key; false when there was none with that id. */
  public synchronized boolean revoke(String id) throws IOException {
    reload();
    if (!keys.containsKey(id)) {
      return false;
    }
    Map<String, ApiKey> next = new LinkedHashMap<>(keys);
    next.remove(id);
    save(next);
    return true;
  }

  private void save(Map<String, ApiKey> next) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (ApiKey k : next.values()) {
      entries.add(new Entry(k.id(), k.name(), k.scope().wire(), k.sha256(), k.created().toString()));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Durable.write(file, true, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(entries));
    try { // hashes only, but nobody else needs to read them
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
    keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(next));
    loadedAt = Files.getLastModifiedTime(file);
  }

  /** Re-reads the file when it changed, at most once a second. */
  private void refresh() {
    long now = clock.millis();
    if (now - checkedAtMillis < 1000) {
      return;
    }
    checkedAtMillis = now;
    try {
      FileTime t = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
      if (t == null ? loadedAt != null : !t.equals(loadedAt)) {
        reload();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the API keys in " + file, e);
    }
  }

  private synchronized void reload() {
    try {
      if (!Files.exists(file)) {
        keys = Map.of();
        loadedAt = null;
        return;
      }
      FileTime t = Files.getLastModifiedTime(file);
      List<Entry> entries = JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() {});
      Map<String, ApiKey> next = new LinkedHashMap<>();
      for (Entry e : entries) {
        next.put(e.id(), e.key());
      }
      keys = java.util.Collections.unmodifiableMap(next);
      loadedAt = t;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the API keys in " + file, e);
    }
  }
}
