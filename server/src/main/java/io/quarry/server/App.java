package io.quarry.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import io.quarry.server.config.AuthConfig;
import io.quarry.server.config.LiveConfig;
import io.quarry.server.config.QuarryConfig;
import io.quarry.server.config.ServerConfig;
import io.quarry.server.config.ToolsConfig;
import io.quarry.server.http.ConfigRoutes;
import io.quarry.server.http.ConnectorRoutes;
import io.quarry.server.http.DocumentRoutes;
import io.quarry.server.http.GraphRoutes;
import io.quarry.server.http.JobRoutes;
import io.quarry.server.http.Json;
import io.quarry.server.http.OpenApiRoutes;
import io.quarry.server.http.Problems;
import io.quarry.server.http.SearchRoutes;
import io.quarry.server.http.SystemRoutes;
import io.quarry.server.http.ToolRoutes;
import io.quarry.server.http.WebRoutes;
import io.quarry.server.mcp.McpEndpoint;
import io.quarry.server.security.Guard;
import io.quarry.server.security.KeyStore;
import io.quarry.server.security.Scope;
import io.quarry.server.tools.Tools;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;

/** The HTTP application: routes, their scopes, and error mapping, nothing else. */
public final class App {

  private App() {}

  /** The release this jar was built as, or {@code dev} when run from classes. */
  static String version() {
    String v = App.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * Refuses, before anything is loaded, to serve beyond loopback without an API key.
   *
   * @throws IllegalStateException saying what to do
   */
  public static void checkExposure(QuarryConfig quarry) {
    Guard.open(quarry.auth(), new KeyStore(quarry.auth().keysFile(), Clock.systemUTC()), quarry.server().host());
  }

  /**
   * An un-started Javalin serving the API of {@code startup}'s engine.
   *
   * @throws IllegalStateException when {@code server.host} is beyond loopback and no API key
   *     exists (or {@code auth.mode} is off)
   */
  public static Javalin create(Startup startup, QuarryConfig quarry) {
    return create(startup, quarry, route -> {});
  }

  /**
   * The same, telling {@code routes} of each route as it is added (the OpenAPI test compares
   * them with the description).
   */
  public static Javalin create(Startup startup, QuarryConfig quarry, Consumer<HandlerMetaInfo> routes) {
    ServerConfig config = quarry.server();
    AuthConfig auth = quarry.auth();
    Guard guard = Guard.open(auth, new KeyStore(auth.keysFile(), Clock.systemUTC()), config.host());
    ObjectMapper mapper = Json.mapper();
    Problems problems = new Problems(mapper);
    SearchRoutes search = new SearchRoutes(startup, mapper, auth.maxQueryChars());
    DocumentRoutes documents = new DocumentRoutes(startup, mapper, config.maxBatch());
    SystemRoutes system = new SystemRoutes(startup, problems);
    GraphRoutes graph = new GraphRoutes(startup);
    JobRoutes jobs = new JobRoutes(startup, mapper, quarry.ingest().maxDocuments());
    ConnectorRoutes connectors = new ConnectorRoutes(startup);
    OpenApiRoutes openapi = new OpenApiRoutes(mapper);
    WebRoutes web = new WebRoutes(quarry.web().benchRuns(), mapper);
    ConfigRoutes configRoutes = new ConfigRoutes(startup, new LiveConfig(quarry, Clock.systemUTC()));
    Tools toolset = Tools.standard(startup, mapper, auth.maxQueryChars());
    ToolRoutes tools = new ToolRoutes(toolset, mapper);
    ToolsConfig toolsConfig = quarry.tools();
    McpEndpoint mcp = toolsConfig.mcpEnabled() ? new McpEndpoint(toolset, toolsConfig, guard, version()) : null;
    return Javalin.create(c -> {
      c.concurrency.useVirtualThreads = true;
      c.http.maxRequestSize = config.maxBodyBytes();
      c.jsonMapper(new JavalinJackson(mapper, true));
      c.startup.showJavalinBanner = false;
      c.events.handlerAdded(routes);
      if (!auth.corsOrigins().isEmpty()) {
        c.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
          auth.corsOrigins().forEach(o -> rule.allowHost(o));
          rule.exposeHeader("Location");
          rule.exposeHeader("Retry-After");
          rule.exposeHeader("Server-Timing");
        }));
      }
      // every route names the scope it needs; one that names none is refused (deny by default)
      c.routes.beforeMatched(ctx -> {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.size() != 1 || !(roles.iterator().next() instanceof Scope needed)) {
          throw new IllegalStateException("route " + ctx.method() + " " + ctx.path() + " names no scope");
        }
        guard.admit(ctx.header("Authorization"), needed);
      });
      c.routes.get("/health", system::health, Scope.OPEN);
      c.routes.get("/ready", system::ready, Scope.OPEN);
      c.routes.get("/openapi.json", openapi::get, Scope.OPEN);
      if (quarry.web().enabled()) {
        c.routes.get("/", web::page, Scope.OPEN);
        c.routes.get("/v1/bench/latest", web::latestBench, Scope.READ);
      }
      c.routes.get("/v1/stats", system::stats, Scope.READ);
      c.routes.get("/metrics", system::metrics, Scope.READ);
      c.routes.post("/v1/search", search::search, Scope.READ);
      c.routes.post("/v1/documents", documents::upsert, Scope.WRITE);
      c.routes.get("/v1/documents/{id}", documents::get, Scope.READ);
      c.routes.delete("/v1/documents/{id}", documents::delete, Scope.WRITE);
      c.routes.post("/v1/ingest", jobs::submit, Scope.WRITE);
      c.routes.get("/v1/jobs", jobs::list, Scope.READ);
      c.routes.get("/v1/jobs/{id}", jobs::get, Scope.READ);
      c.routes.delete("/v1/jobs/{id}", jobs::cancel, Scope.WRITE);
      c.routes.get("/v1/dead-letters", jobs::deadLetters, Scope.READ);
      c.routes.post("/v1/dead-letters/replay", jobs::replay, Scope.WRITE);
      c.routes.get("/v1/connectors", connectors::list, Scope.READ);
      c.routes.post("/v1/connectors/{name}/sync", connectors::sync, Scope.WRITE);
      c.routes.get("/v1/graph/entities", graph::search, Scope.READ);
      c.routes.get("/v1/graph/entities/{id}", graph::entity, Scope.READ);
      c.routes.get("/v1/config", configRoutes::get, Scope.ADMIN);
      c.routes.post("/v1/admin/reload", configRoutes::reload, Scope.ADMIN);
      if (toolsConfig.toolsEnabled()) {
        c.routes.get("/v1/tools", tools::list, Scope.READ);
        c.routes.post("/v1/tools/call", tools::call, Scope.READ);
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
