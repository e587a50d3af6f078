/** The command line: {@code serve}, {@code ingest} and {@code search} (picocli). */
package io.quarry.server.cli;
