package io.quarry.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.quarry.server.Startup;
import io.quarry.server.config.LiveConfig;
import io.quarry.server.config.Redaction;
import io.quarry.server.config.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/config} (the effective configuration, each key with its origin, secrets
 * redacted) and {@code POST /v1/admin/reload} (re-read the file; see {@link LiveConfig}).
 */
public final class ConfigRoutes {

  private final Startup startup;
  private final LiveConfig config;

  public ConfigRoutes(Startup startup, LiveConfig config) {
    this.startup = startup;
    this.config = config;
  }

  public void get(Context ctx) {
    Settings s = config.current().settings();
    Map<String, Object> keys = new LinkedHashMap<>();
    s.entries().forEach((k, r) -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("value", Redaction.value(k, r.value()));
      e.put("origin", r.origin());
      if (r.env() != null) {
        e.put("env", r.env());
      }
      e.put("reloadable", LiveConfig.reloadable(k));
      keys.put(k, e);
    });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("file", s.source() == null ? null : s.source().toString());
    out.put("loaded_at", config.loadedAt().toString());
    out.put("reloads", config.reloads());
    out.put("keys", keys);
    ctx.json(out);
  }

  /**
   * 200 with the keys that changed; 409 when the file changes keys only a restart applies, or
   * there is no file; 422 when the file does not parse or validate. The old configuration stays
   * on any refusal.
   */
  public void reload(Context ctx) {
    var engine = startup.engine();
    List<String> changed;
    try {
      changed = config.reload(engine.legs(), engine::reconfigure);
    } catch (LiveConfig.Refused e) {
      boolean noFile = config.current().settings().source() == null;
      throw new HttpResponseException(e.needsRestart() || noFile ? 409 : 422, e.getMessage());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("reloaded", !changed.isEmpty());
    out.put("changed", changed);
    ctx.json(out);
  }
}
