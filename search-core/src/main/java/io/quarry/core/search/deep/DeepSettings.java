package io.quarry.core.search.deep;

import io.quarry.core.fusion.FusionMethod;
import io.quarry.core.search.SearchSettings;
import java.time.Duration;

/**
 * How deep search runs, fixed at start-up.
 *
 * @param candidates candidates each leg returns (larger than the fast path's)
 * @param maxVariants query variants searched, the original included (1 = no variants)
 * @param variantWeight RRF weight of a variant's list; the original query's list weighs 1
 * @param fusion how the final fusion merges the variant lists and extra legs
 * @param rrfK the RRF constant of the final fusion
 * @param deadline the default budget of a whole request
 * @param maxDeadline the largest budget a request may ask for
 * @param attempts attempts for an embedding or leg node (2 = one retry of a transient failure)
 * @param backoff wait before the first retry
 * @param rerank whether to rerank (only with a reranker configured)
 * @param rerankWindow how many of the fused top the reranker sees, at most; fewer when the
 *     remaining budget cannot pay for them at the measured cost per pair
 * @param variantKinds which query rewrites to search
 * @param hop2 the second-hop leg
 */
public record DeepSettings(
    int candidates,
    int maxVariants,
    double variantWeight,
    FusionMethod fusion,
    int rrfK,
    Duration deadline,
    Duration maxDeadline,
    int attempts,
    Duration backoff,
    boolean rerank,
    int rerankWindow,
    java.util.Set<io.quarry.core.query.QueryVariants.Kind> variantKinds,
    Hop2 hop2) {

  /**
   * The second-hop leg: entities named by the best first-hop passages but not by the question,
   * each searched with the question's remaining keywords (see {@code BridgeEntities}).
   *
   * @param enabled whether it runs
   * @param docs how many first-hop hits to read entities from
   * @param queries how many second-hop queries at most
   * @param weight RRF weight of its list
   * @param chain true: each second-hop query is the question followed by one first-hop passage
   *     (dense multi-hop retrieval's chain, embedded as one text); false: the question's keywords
   *     with one bridge entity named by the first-hop passages
   */
  public record Hop2(boolean enabled, int docs, int queries, double weight, boolean chain) {
    /**
     * One chain (the question with the best first-hop passage) at weight 0.3: the bridge-entity
     * queries and two or three chains each lowered R@5 on a tuning set (README, "Deep search").
     */
    public static final Hop2 DEFAULT = new Hop2(true, 1, 1, 0.3, true);

    public Hop2 {
      if (docs < 1 || docs > 50) {
        throw new IllegalArgumentException("illegal hop2 docs: " + docs + ", must be in 1..50");
      }
      if (queries < 1 || queries > 20) {
        throw new IllegalArgumentException("illegal hop2 queries: " + queries + ", must be in 1..20");
      }
      if (!(weight >= 0) || weight > 100) {
        throw new IllegalArgumentException("illegal hop2 weight: " + weight + ", must be in 0..100");
      }
    }
  }

  public static final int DEFAULT_CANDIDATES = 200;
  public static final int DEFAULT_MAX_VARIANTS = 6;
  /**
   * Variants count 0.3 of the original query in the final (score) fusion; measured against 0.15
   * and 0.5 on the HotpotQA and MuSiQue tuning sets (README, "Deep search").
   */
  public static final double DEFAULT_VARIANT_WEIGHT = 0.3;

  /**
   * Only comparison pairs by default: clause, entity and keyword rewrites each lowered R@5 on at
   * least one tuning set; they stay available through {@code deep.variants}.
   */
  public static final java.util.Set<io.quarry.core.query.QueryVariants.Kind> DEFAULT_VARIANT_KINDS =
      java.util.EnumSet.of(io.quarry.core.query.QueryVariants.Kind.PAIR);
  public static final Duration DEFAULT_DEADLINE = Duration.ofMillis(1000);
  public static final Duration DEFAULT_MAX_DEADLINE = Duration.ofSeconds(10);
  public static final int DEFAULT_ATTEMPTS = 2;
  public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(5);
  public static final int DEFAULT_RERANK_WINDOW = 20;

  public static final DeepSettings DEFAULT = new DeepSettings(DEFAULT_CANDIDATES,
      DEFAULT_MAX_VARIANTS, DEFAULT_VARIANT_WEIGHT, FusionMethod.SCORE, 60, DEFAULT_DEADLINE, DEFAULT_MAX_DEADLINE,
      DEFAULT_ATTEMPTS, DEFAULT_BACKOFF, true, DEFAULT_RERANK_WINDOW,
      DEFAULT_VARIANT_KINDS, Hop2.DEFAULT);

  public DeepSettings {
    if (candidates < 1 || candidates > 10_000) {
      throw new IllegalArgumentException("illegal deep candidates: " + candidates + ", must be in 1..10000");
    }
    if (maxVariants < 1 || maxVariants > 16) {
      throw new IllegalArgumentException("illegal deep max variants: " + maxVariants + ", must be in 1..16");
    }
    if (!(variantWeight >= 0) || variantWeight > 100) {
      throw new IllegalArgumentException("illegal deep variant weight: " + variantWeight + ", must be in 0..100");
    }
    if (deadline.isNegative() || deadline.isZero() || maxDeadline.compareTo(deadline) < 0) {
      throw new IllegalArgumentException("illegal deep deadline: " + deadline
          + ", must be positive and at most the maximum " + maxDeadline);
    }
    if (attempts < 1 || attempts > 10) {
      throw new IllegalArgumentException("illegal deep attempts: " + attempts + ", must be in 1..10");
    }
    variantKinds = variantKinds.isEmpty()
        ? java.util.Set.of() : java.util.Set.copyOf(java.util.EnumSet.copyOf(variantKinds));
    java.util.Objects.requireNonNull(hop2, "hop2");
    if (rerankWindow < 1 || rerankWindow > 1000) {
      throw new IllegalArgumentException("illegal rerank window: " + rerankWindow + ", must be in 1..1000");
    }
  }
}
