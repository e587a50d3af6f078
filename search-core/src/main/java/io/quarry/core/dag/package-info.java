/**
 * A small DAG executor for the deep-search fan-out: nodes declare required and accepted inputs,
 * run as soon as their inputs end, and are bounded by per-node timeouts, retries with backoff,
 * fallbacks and one request deadline that cancels whatever is late. See {@link
 * io.quarry.core.dag.DagExecutor}.
 */
package io.quarry.core.dag;
