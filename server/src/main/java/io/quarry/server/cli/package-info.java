/**
 * The command line (picocli): {@code serve}, {@code ingest}, {@code search}, {@code keys} (API
 * keys) and {@code models pull} (a cross-encoder checkpoint from a Hugging Face hub for {@code
 * rerank.model}).
 */
package io.quarry.server.cli;
