package io.quarry.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.quarry.server.config.QuarryConfig;
import io.quarry.server.config.ServerConfig;
import io.quarry.server.http.JobRoutes;
import io.quarry.server.http.ConnectorRoutes;
import io.quarry.server.http.DocumentRoutes;
import io.quarry.server.http.GraphRoutes;
import io.quarry.server.http.Json;
import io.quarry.server.http.Problems;
import io.quarry.server.http.SearchRoutes;
import io.quarry.server.http.SystemRoutes;
import io.quarry.server.http.ToolRoutes;
import io.quarry.server.tools.Tools;
import io.quarry.server.config.ToolsConfig;
import io.quarry.server.mcp.McpEndpoint;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** The HTTP application: routes and error mapping, nothing else. */
public final class App {

  private App() {}

  /** The release this jar was built as, or {@code dev} when run from classes. */
  static String version() {
    String v = App.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** An un-started Javalin serving the API of {@code startup}'s engine. */
  public static Javalin create(Startup startup, QuarryConfig quarry) {
    ServerConfig config = quarry.server();
    ObjectMapper mapper = Json.mapper();
    Problems problems = new Problems(mapper);
    SearchRoutes search = new SearchRoutes(startup, mapper);
    DocumentRoutes documents = new DocumentRoutes(startup, mapper, config.maxBatch());
    SystemRoutes system = new SystemRoutes(startup, problems);
    GraphRoutes graph = new GraphRoutes(startup);
    JobRoutes jobs = new JobRoutes(startup, mapper, quarry.ingest().maxDocuments());
    ConnectorRoutes connectors = new ConnectorRoutes(startup);
    Tools toolset = Tools.standard(startup, mapper);
    ToolRoutes tools = new ToolRoutes(toolset, mapper);
    ToolsConfig toolsConfig = quarry.tools();
    McpEndpoint mcp = toolsConfig.mcpEnabled() ? new McpEndpoint(toolset, toolsConfig, version()) : null;
    return Javalin.create(c -> {
      c.concurrency.useVirtualThreads = true;
      c.http.maxRequestSize = config.maxBodyBytes();
      c.jsonMapper(new JavalinJackson(mapper, true));
      c.startup.showJavalinBanner = false;
      c.routes.get("/health", system::health);
      c.routes.get("/ready", system::ready);
      c.routes.get("/v1/stats", system::stats);
      c.routes.get("/metrics", system::metrics);
      c.routes.post("/v1/search", search::search);
      c.routes.post("/v1/documents", documents::upsert);
      c.routes.get("/v1/documents/{id}", documents::get);
      c.routes.delete("/v1/documents/{id}", documents::delete);
      c.routes.post("/v1/ingest", jobs::submit);
      c.routes.get("/v1/jobs", jobs::list);
      c.routes.get("/v1/jobs/{id}", jobs::get);
      c.routes.delete("/v1/jobs/{id}", jobs::cancel);
      c.routes.get("/v1/dead-letters", jobs::deadLetters);
      c.routes.post("/v1/dead-letters/replay", jobs::replay);
      c.routes.get("/v1/connectors", connectors::list);
      c.routes.post("/v1/connectors/{name}/sync", connectors::sync);
      c.routes.get("/v1/graph/entities", graph::search);
      c.routes.get("/v1/graph/entities/{id}", graph::entity);
      if (toolsConfig.toolsEnabled()) {
        c.routes.get("/v1/tools", tools::list);
        c.routes.post("/v1/tools/call", tools::call);
      }
      if (mcp != null) {
        // a servlet of its own beside Javalin's: an exact mapping wins over Javalin's "/*"
        c.jetty.modifyServletContextHandler(h -> {
          ServletHolder holder = new ServletHolder(mcp.servlet());
          holder.setAsyncSupported(true);
          h.addServlet(holder, McpEndpoint.PATH);
        });
        c.events.serverStopping(mcp::close);
      }
      problems.register(c.routes);
    });
  }
}
