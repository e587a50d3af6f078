package io.quarry.core.search.leg;

class Bm25LegTest extends RetrievalLegTestCase {
  @Override
  protected RetrievalLeg newLeg() {
    return new Bm25Leg();
  }
}
