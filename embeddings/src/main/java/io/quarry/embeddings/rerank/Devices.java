package io.quarry.embeddings.rerank;

import ai.djl.Device;

/** Turns the configured {@link RerankDevice} into a DJL device, once, at start-up. */
final class Devices {

  private Devices() {}

  /**
   * Resolves the device.
   *
   * @param gpus GPUs the PyTorch engine sees (0 with the CPU-only libtorch)
   * @throws IllegalArgumentException if a GPU is required and none is visible
   */
  static Device resolve(RerankDevice wanted, int gpus) {
    return switch (wanted) {
      case CPU -> Device.cpu();
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
      case GPU -> {
        if (gpus < 1) {
          throw new IllegalArgumentException("illegal device: gpu, but the PyTorch engine sees no GPU"
              + " (the CPU build of libtorch is loaded, or no CUDA driver is visible); use auto or cpu,"
              + " or point PYTORCH_LIBRARY_PATH at a CUDA build of libtorch 2.7.1");
        }
        yield Device.gpu();
      }
    };
  }

  /** {@code cpu} or {@code gpu(N)}. */
  static String describe(Device device) {
    return device.isGpu() ? "gpu(" + device.getDeviceId() + ")" : "cpu";
  }
}
