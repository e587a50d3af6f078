package io.quarry.bench.rerank;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident memory ({@code VmHWM} of {@code /proc/self/status}): heap, libtorch and all. */
final class PeakMemory {

  private PeakMemory() {}

  /** Megabytes, or null where {@code /proc} has no such line (not Linux). */
  static Long rssMegabytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }
}
