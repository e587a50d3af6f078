/**
 * Service-provider interfaces: the ports search-core calls and the other modules implement
 * (embeddings, reranking, the graph). search-core itself depends on Lucene alone.
 */
package io.quarry.core.spi;
