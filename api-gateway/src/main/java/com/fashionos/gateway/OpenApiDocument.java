package com.fashionos.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: docs/openapi.yaml (bundled by the build as a resource) as
 * JSON, converted once at start. No token: it describes the API, not anyone's data.
 */
final class OpenApiDocument implements Handler<RoutingContext> {
  static final String PATH = "/api/v1/openapi.json";
  private static final String RESOURCE = "/openapi.yaml";

  private final Buffer json;

  OpenApiDocument() {
    try (InputStream yaml = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (yaml == null) throw new IllegalStateException(RESOURCE + " is not on the class path");
      json = Buffer.buffer(new ObjectMapper().writeValueAsBytes(new YAMLMapper().readTree(yaml)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    // Changes only with a deployment: an hour in caches is fine, revalidation is not needed.
    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "public, max-age=3600")
        .end(json);
  }
}
