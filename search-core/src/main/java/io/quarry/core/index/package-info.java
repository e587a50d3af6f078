/**
 * The Lucene index: one block per document (its passages, then the parent), BM25 fields, an HNSW
 * vector per embedded passage, date points and exact filter fields; the {@link
 * io.quarry.core.index.Indexer} write path (chunk, embed, write) and upsert/delete by id.
 */
package io.quarry.core.index;
