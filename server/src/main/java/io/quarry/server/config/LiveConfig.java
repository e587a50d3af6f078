package io.quarry.server.config;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The configuration in force, and its reload from the file it came from. A reload applies only
 * keys the search pipelines read per request ({@link #reloadable}); a file that changes any other
 * key (the data directory, the model, the index shape, what was built at start) is refused with
 * those keys named, and nothing changes. So is a file that does not parse or validate.
 */
public final class LiveConfig {

  private final Clock clock;
  private volatile QuarryConfig current;
  private volatile Instant loadedAt;
  private volatile int reloads;

  /** A reload that could not be applied: the old configuration stays. */
  public static final class Refused extends RuntimeException {
    private final boolean needsRestart;

    Refused(String reason, boolean needsRestart) {
      super(reason);
      this.needsRestart = needsRestart;
    }

    /** True when the file is valid but changes keys only a restart applies. */
    public boolean needsRestart() {
      return needsRestart;
    }
  }

  public LiveConfig(QuarryConfig initial, Clock clock) {
    this.current = initial;
    this.clock = clock;
    this.loadedAt = clock.instant();
  }

  public QuarryConfig current() {
    return current;
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  public int reloads() {
    return reloads;
  }

  /** Keys a running server applies on reload: the search, deep and freshness settings. */
  public static boolean reloadable(String key) {
    return (key.startsWith("search.") || key.startsWith("deep.") || key.startsWith("freshness.")
        || key.equals("rerank.window")) && !key.equals("deep.enabled");
  }

  /**
   * Re-reads the file, validates it, and hands the new configuration to {@code apply} when only
   * reloadable keys changed.
   *
   * @param legs every leg the engine built, so their keys are read as at start
   * @return the keys that changed (empty: the file says what is in force already)
   * @throws Refused with the reason; the configuration in force stays
   */
  public synchronized List<String> reload(Collection<String> legs, Consumer<QuarryConfig> apply) {
    QuarryConfig next;
    try {
      next = QuarryConfig.from(current.settings().reread(), legs);
    } catch (IllegalArgumentException e) {
      throw new Refused(e.getMessage(), false);
    }
    Map<String, String> before = current.settings().values();
    Map<String, String> after = next.settings().values();
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    List<String> changed = new ArrayList<>();
    List<String> restart = new ArrayList<>();
    for (String k : keys) {
      if (!Objects.equals(before.get(k), after.get(k))) {
        changed.add(k);
        if (!reloadable(k)) {
          restart.add(k);
        }
      }
    }
    if (!restart.isEmpty()) {
      throw new Refused("these keys change only with a restart: " + restart + "; nothing was changed", true);
    }
    if (!changed.isEmpty()) {
      apply.accept(next);
      current = next;
      reloads++;
    }
    loadedAt = clock.instant();
    return changed;
  }
}
