package io.quarry.server.config;

import java.util.regex.Pattern;

/**
 * What {@code GET /v1/config} shows of a value: secrets never. A key whose name says it holds
 * one is masked whole; a URL keeps its host and drops its user and password.
 */
public final class Redaction {

  static final String MASK = "***";
  private static final Pattern SECRET_NAME = Pattern.compile("(password|secret|token|api_key|apikey|credential)");
  private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]+@");

  private Redaction() {}

  public static String value(String key, String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    if (SECRET_NAME.matcher(key.toLowerCase(java.util.Locale.ROOT)).find()) {
      return MASK;
    }
    return USERINFO.matcher(value).replaceFirst("$1" + MASK + "@");
  }
}
