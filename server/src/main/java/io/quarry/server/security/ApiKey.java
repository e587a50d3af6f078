package io.quarry.server.security;

import java.time.Instant;

/**
 * A stored API key: never the key itself, only its SHA-256. The keys are 256 random bits, so a
 * fast hash suffices (as for GitHub's tokens); a slow password hash would only slow every request.
 *
 * @param id the public part of the key ({@code qk_<id>_<secret>}), to find it without scanning
 * @param name what the key is for, as its creator said
 * @param scope what it grants (nested: {@link Scope#grants})
 * @param sha256 hex SHA-256 of the whole key
 * @param created when it was made
 */
public record ApiKey(String id, String name, Scope scope, String sha256, Instant created) {}
