package io.quarry.server.http;

import io.quarry.server.Startup;
import io.quarry.server.connectors.Connectors;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v1/connectors} and {@code POST /v1/connectors/{name}/sync}. */
public final class ConnectorRoutes {

  private final Startup startup;

  public ConnectorRoutes(Startup startup) {
    this.startup = startup;
  }

  /** Each configured connector: its schedule, its last sync and its last error. */
  public void list(Context ctx) {
    ctx.json(Map.of("connectors", connectors().status().stream().map(ConnectorRoutes::json).toList()));
  }

  /** Syncs a configured connector now: 202 with its jobs, or 200 when nothing changed. */
  public void sync(Context ctx) throws IOException {
    String name = ctx.pathParam("name");
    Connectors.Sync s = connectors().sync(name).orElseThrow(() -> new HttpResponseException(404,
        "no connector named '" + name + "': configure connectors." + name + ".type and .path"));
    if (s.jobs().isEmpty()) {
      ctx.json(json(s));
    } else {
      JobRoutes.accepted(ctx, s.jobs().getFirst(), 1, json(s));
    }
  }

  private Connectors connectors() {
    Connectors c = startup.engine().connectors();
    if (c == null) {
      throw new HttpResponseException(404, "connectors need asynchronous ingestion, and ingest.enabled=false");
    }
    return c;
  }

  static Map<String, Object> json(Connectors.Sync s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("connector", s.connector());
    out.put("upserts", s.upserts());
    out.put("deletes", s.deletes());
    out.put("jobs", s.jobs());
    out.put("unreadable", s.unreadable());
    out.put("at", s.at().toString());
    return out;
  }

  private static Map<String, Object> json(Connectors.Status s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", s.name());
    out.put("type", s.type());
    out.put("path", s.path());
    out.put("every_ms", s.every() == null ? null : s.every().toMillis());
    out.put("last_attempt", s.lastAttempt() == null ? null : s.lastAttempt().toString());
    out.put("last_success", s.lastSuccess() == null ? null : s.lastSuccess().toString());
    out.put("last_error", s.lastError());
    out.put("last_sync", s.last() == null ? null : json(s.last()));
    return out;
  }
}
