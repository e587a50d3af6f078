package io.quarry.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.quarry.core.document.Document;
import io.quarry.core.index.IndexResult;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.quarry.server.Startup;

/** {@code /v1/documents}: synchronous batch upsert, get and delete by id. */
public final class DocumentRoutes {

  private final Startup startup;
  private final ObjectMapper mapper;
  private final int maxBatch;

  public DocumentRoutes(Startup startup, ObjectMapper mapper, int maxBatch) {
    this.startup = startup;
    this.mapper = mapper;
    this.maxBatch = maxBatch;
  }

  /** Validates the whole batch first, so a bad document leaves the index untouched. */
  public void upsert(Context ctx) throws IOException {
    var engine = startup.engine();
    DocumentsBody body = mapper.readValue(Bodies.bytes(ctx), DocumentsBody.class);
    if (body == null) {
      throw new BadRequest("the request body is null: send {\"documents\": [...]}");
    }
    List<Document> docs = body.toDocuments(maxBatch);
    IndexResult r = engine.upsert(docs);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("indexed", r.indexed());
    out.put("unchanged", r.unchanged());
    out.put("passages", r.passages());
    ctx.json(out);
  }

  public void get(Context ctx) {
    String id = ctx.pathParam("id");
    Document d = startup.engine().get(id).orElseThrow(() -> notFound(id));
    ctx.json(DocumentBody.of(d));
  }

  public void delete(Context ctx) {
    String id = ctx.pathParam("id");
    if (!startup.engine().delete(id)) {
      throw notFound(id);
    }
    ctx.json(Map.of("id", id, "deleted", true));
  }

  private static HttpResponseException notFound(String id) {
    return new HttpResponseException(404, "no document with id '" + id + "'");
  }
}
