/**
 * The engine side of the runner: the {@link io.quarry.bench.backend.SearchBackend} port the runner
 * drives, its values, and the adapters that implement it.
 *
 * <p>Implementations: {@link io.quarry.bench.backend.HttpSearchBackend} ({@code --server URL},
 * speaking API.md). The in-process engine is plugged in at
 * {@link io.quarry.bench.backend.Backends#inProcess}, the single place that builds it; until the
 * engine exists that method fails with a clear message instead of pretending to search.
 *
 * <p>The contract point this package enforces by construction: the engine only ever sees a
 * {@link io.quarry.bench.backend.BackendQuery}, which carries the query text and the optional
 * {@code as_of} day, never the category label nor the quiz date of a query without {@code as_of}.
 */
package io.quarry.bench.backend;
