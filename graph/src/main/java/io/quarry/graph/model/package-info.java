/** The graph's values, shared by the extractors, the stores and the retriever. */
package io.quarry.graph.model;
