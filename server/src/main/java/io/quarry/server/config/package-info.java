/**
 * Configuration: flat keys from a YAML file, {@code QUARRY_*} environment variables and {@code
 * --set} overrides ({@link io.quarry.server.config.Settings}), read once into one immutable
 * record per section ({@link io.quarry.server.config.QuarryConfig}). Unknown keys are errors;
 * every resolved key is logged at start with its origin.
 */
package io.quarry.server.config;
