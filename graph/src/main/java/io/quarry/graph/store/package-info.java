/**
 * Where the graph lives: {@link io.quarry.graph.store.EmbeddedGraphStore} on disk beside the
 * index (the default), or FalkorDB. Both keep the {@link io.quarry.graph.store.GraphStore}
 * contract, tested by one suite.
 */
package io.quarry.graph.store;
