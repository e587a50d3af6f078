/**
 * Searching: the request and response values, the legs (BM25, vector), and the pipeline that runs
 * them in parallel and fuses their lists.
 */
package io.quarry.core.search;
