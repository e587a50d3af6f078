package io.quarry.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.quarry.graph.model.EntityDetail;
import io.quarry.graph.model.EntitySummary;
import io.quarry.server.GraphParts;
import io.quarry.server.Startup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/graph/entities?q=&limit=} and {@code GET /v1/graph/entities/{id}}: the knowledge
 * graph for inspection (which entities the extractor found, what they are connected to, which
 * documents mention them).
 */
public final class GraphRoutes {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 1000;

  private final Startup startup;

  public GraphRoutes(Startup startup) {
    this.startup = startup;
  }

  public void search(Context ctx) {
    GraphParts graph = graph();
    String q = ctx.queryParam("q");
    if (q == null || q.isBlank()) {
      throw new BadRequest("illegal q: required, the text to find in entity names and aliases");
    }
    int limit = Params.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT);
    try {
      List<EntitySummary> found = graph.store().searchEntities(q, limit);
      ctx.json(Map.of("entities", found.stream().map(GraphRoutes::summary).toList()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void entity(Context ctx) {
    GraphParts graph = graph();
    String id = ctx.pathParam("id");
    try {
      EntityDetail d = graph.store().entity(id, Params.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT))
          .orElseThrow(() -> new HttpResponseException(404, "no entity with id '" + id + "'"));
      Map<String, Object> out = new LinkedHashMap<>(summary(d.entity()));
      out.put("neighbours", d.neighbours().stream().map(n -> Map.of("id", n.key(), "name", n.name(),
          "kind", n.kind(), "weight", n.weight())).toList());
      out.put("relations", d.relations().stream().map(r -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", r.source());
        m.put("target", r.target());
        m.put("type", r.type());
        m.put("passage", r.passage());
        m.put("date", r.date() == null ? null : r.date().toString());
        return m;
      }).toList());
      out.put("documents", d.documents());
      ctx.json(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private GraphParts graph() {
    GraphParts graph = startup.engine().graph();
    if (graph == null) {
      throw new HttpResponseException(404, "the knowledge graph is off (graph.enabled=off)");
    }
    return graph;
  }

  private static Map<String, Object> summary(EntitySummary e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.key());
    m.put("name", e.name());
    m.put("type", e.type());
    m.put("aliases", e.aliases());
    m.put("passages", e.passages());
    return m;
  }
}
