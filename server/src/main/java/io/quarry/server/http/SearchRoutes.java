package io.quarry.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.quarry.core.search.SearchRequest;
import io.quarry.server.Engine;
import io.quarry.server.Startup;
import java.io.IOException;

/** {@code POST /v1/search}: parse, validate, search, serialise. */
public final class SearchRoutes {

  private final Startup startup;
  private final ObjectMapper mapper;
  private final int maxQueryChars;

  /** @param maxQueryChars longest {@code query} accepted ({@code server.max_query_chars}) */
  public SearchRoutes(Startup startup, ObjectMapper mapper, int maxQueryChars) {
    this.startup = startup;
    this.mapper = mapper;
    this.maxQueryChars = maxQueryChars;
  }

  public void search(Context ctx) throws IOException {
    Engine engine = startup.engine();
    SearchBody body = mapper.readValue(Bodies.bytes(ctx), SearchBody.class);
    if (body == null) {
      throw new BadRequest("the request body is null: send a JSON object with a 'query'");
    }
    SearchRequest request = body.toRequest(engine.legs(), maxQueryChars);
    ctx.json(SearchJson.of(engine.search(request)));
  }
}
