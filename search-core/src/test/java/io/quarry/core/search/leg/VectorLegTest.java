package io.quarry.core.search.leg;

class VectorLegTest extends RetrievalLegTestCase {
  @Override
  protected RetrievalLeg newLeg() {
    return new VectorLeg();
  }
}
