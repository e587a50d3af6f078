package io.quarry.bench.run;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Decimal rounding (half up) of the numbers written to {@code run.json}. */
final class Rounding {

  /** Decimals of quality metrics and rates. */
  static final int METRIC_DECIMALS = 4;

  /** Decimals of milliseconds and seconds. */
  static final int TIME_DECIMALS = 3;

  private Rounding() {}

  static double round(double value, int decimals) {
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
  }
}
