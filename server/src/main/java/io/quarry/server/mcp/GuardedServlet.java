package io.quarry.server.mcp;

import io.quarry.server.security.Denied;
import io.quarry.server.security.Guard;
import io.quarry.server.security.Scope;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The MCP servlet behind the same {@link Guard} as the HTTP API: Javalin's before-handlers do not
 * run for a servlet of its own, so the key, its scope ({@code read}) and the rate are checked
 * here before the SDK sees the request.
 */
final class GuardedServlet extends HttpServlet {

  private final HttpServlet delegate;
  private final Guard guard;

  GuardedServlet(HttpServlet delegate, Guard guard) {
    this.delegate = delegate;
    this.guard = guard;
  }

  @Override
  public void init(ServletConfig config) throws ServletException {
    super.init(config);
    delegate.init(config);
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
    try {
      guard.admit(req.getHeader("Authorization"), Scope.READ);
    } catch (Denied d) {
      res.setStatus(d.status());
      d.headers().forEach(res::setHeader);
      res.setContentType("application/json");
      // a JSON-RPC error without an id: the request was never read
      String body = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32001,\"message\":\""
          + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(d.getMessage()))
          + "\"}}";
      res.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
      return;
    }
    delegate.service(req, res);
  }

  @Override
  public void destroy() {
    delegate.destroy();
  }
}
