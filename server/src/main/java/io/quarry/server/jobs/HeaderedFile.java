package io.quarry.server.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A file of one JSON header line and a body after it: how jobs ({@code .payload}) and dead letters
 * are stored, so that listing them reads the headers only.
 */
final class HeaderedFile {

  private static final byte[] NEWLINE = {'\n'};

  private HeaderedFile() {}

  /** Writes {@code header} (one line of JSON) and {@code body}, durably ({@link Durable}). */
  static void write(Path file, byte[] header, byte[] body) throws IOException {
    Durable.write(file, true, header, NEWLINE, body);
  }

  /** The header line, without reading the body. */
  static String header(Path file) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = r.readLine();
      if (line == null) {
        throw new IOException(file + " is empty: a header line was expected");
      }
      return line;
    }
  }

  /** Everything after the header line. */
  static byte[] body(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        return Arrays.copyOfRange(all, i + 1, all.length);
      }
    }
    throw new IOException(file + " has no header line");
  }
}
