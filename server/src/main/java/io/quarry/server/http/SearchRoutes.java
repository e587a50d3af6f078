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

  public SearchRoutes(Startup startup, ObjectMapper mapper) {
    this.startup = startup;
    this.mapper = mapper;
  }

  public void search(Context ctx) throws IOException {
    Engine engine = startup.engine();
    SearchBody body = mapper.readValue(Bodies.bytes(ctx), SearchBody.class);
    if (body == null) {
      throw new BadRequest("the request body is null: send a JSON object with a 'query'");
    }
    SearchRequest request = body.toRequest(engine.legs());
    ctx.json(SearchJson.of(engine.search(request)));
  }
}
