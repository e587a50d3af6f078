package io.quarry.embeddings.rerank;

import java.util.List;

/** Scores (query, passage) pairs: a model being trained, seen the way validation calls it. */
@FunctionalInterface
public interface PairScorer {

  /** One score per passage, in input order; higher is more relevant. */
  float[] score(String query, List<String> passages);
}
