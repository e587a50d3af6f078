/**
 * The server: {@link io.quarry.server.Wiring} (the composition root), the {@link
 * io.quarry.server.Engine} that the HTTP API, the CLI and the benchmark all drive, and {@link
 * io.quarry.server.App} (routes only).
 */
package io.quarry.server;
