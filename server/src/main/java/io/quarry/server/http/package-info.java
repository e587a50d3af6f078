/**
 * The HTTP API (see {@code API.md}): thin handlers that parse, validate, call the engine and
 * serialise; wire records whose validation names the bad field; and {@link
 * io.quarry.server.http.Problems}, the one place exceptions become RFC 9457 problem responses.
 */
package io.quarry.server.http;
