package io.quarry.core.dag;

import java.util.Locale;

/** How a node ended. */
public enum NodeStatus {
  /** It returned an output. */
  OK,
  /** It failed, and its configured fallback output stands in. Dependants run normally. */
  FALLBACK,
  /** It threw (after its retries); no output. */
  FAILED,
  /** It ran past its own timeout or the request deadline and was cancelled; no output. */
  TIMEOUT,
  /** It never ran: a required input failed, or the deadline had passed before it could start. */
  SKIPPED;

  /** True when dependants get an output from it. */
  public boolean delivered() {
    return this == OK || this == FALLBACK;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
