package io.quarry.bench.load;

import io.quarry.bench.backend.BenchMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The modes of a load and their shares ({@code --mix fast=0.9,deep=0.1}), in the order given.
 * The shares are weights, normalised to sum to 1.
 *
 * @param weights mode to weight; not empty, each weight finite and at least 0, their sum above 0
 */
public record ModeMix(Map<BenchMode, Double> weights) {

  public ModeMix {
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("illegal mix: empty, must name at least one mode, e.g. fast=0.9,deep=0.1");
    }
    double sum = 0;
    for (Map.Entry<BenchMode, Double> e : weights.entrySet()) {
      double w = e.getValue();
      if (!Double.isFinite(w) || w < 0) {
        throw new IllegalArgumentException("illegal mix weight of " + e.getKey().wireName() + ": " + w
            + ", must be a number at least 0");
      }
      sum += w;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("illegal mix: the weights sum to 0, at least one must be above 0");
    }
    Map<BenchMode, Double> normalised = new LinkedHashMap<>();
    for (Map.Entry<BenchMode, Double> e : weights.entrySet()) {
      if (e.getValue() > 0) {
        normalised.put(e.getKey(), e.getValue() / sum);
      }
    }
    weights = java.util.Collections.unmodifiableMap(normalised);
  }

  /** One mode alone. */
  public static ModeMix only(BenchMode mode) {
    return new ModeMix(Map.of(mode, 1.0));
  }

  /**
   * Parses {@code mode=weight,...}; a mode without {@code =weight} weighs 1.
   *
   * @throws IllegalArgumentException naming the part it cannot read
   */
  public static ModeMix parse(String spec) {
    Map<BenchMode, Double> w = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      BenchMode mode = BenchMode.parse(eq < 0 ? p : p.substring(0, eq));
      double weight;
      try {
        weight = eq < 0 ? 1.0 : Double.parseDouble(p.substring(eq + 1).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("illegal mix part: '" + p + "', must be mode=weight, e.g. deep=0.1");
      }
      if (w.put(mode, weight) != null) {
        throw new IllegalArgumentException("illegal mix: mode " + mode.wireName() + " appears twice");
      }
    }
    return new ModeMix(w);
  }

  /** The modes in the order given. */
  public List<BenchMode> modes() {
    return new ArrayList<>(weights.keySet());
  }

  /** {@code fast=0.9,deep=0.1}, parseable again. */
  public String describe() {
    return weights.entrySet().stream()
        .map(e -> e.getKey().wireName() + "=" + String.format(Locale.ROOT, "%.4g", e.getValue())
            .replaceFirst("\\.?0+$", ""))
        .collect(Collectors.joining(","));
  }

  /** A fresh sequence of modes in these shares. */
  public Picker picker() {
    return new Picker(this);
  }

  /**
   * Deals modes in the mix's shares, deterministically and evenly spread: the n-th pick is the
   * mode furthest behind its share of n (ties go to the mode named first), so after n picks every
   * mode has its share of n to within one. Not thread-safe.
   */
  public static final class Picker {

    private final BenchMode[] modes;
    private final double[] shares;
    private final long[] counts;
    private long picked;

    private Picker(ModeMix mix) {
      modes = mix.weights.keySet().toArray(BenchMode[]::new);
      shares = mix.weights.values().stream().mapToDouble(Double::doubleValue).toArray();
      counts = new long[modes.length];
    }

    /** The next mode. */
    public BenchMode next() {
      picked++;
      int best = 0;
      double behind = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < modes.length; i++) {
        double d = shares[i] * picked - counts[i];
        if (d > behind + 1e-9) {
          behind = d;
          best = i;
        }
      }
      counts[best]++;
      return modes[best];
    }
  }
}
