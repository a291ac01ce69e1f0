package com.fashionos.embedded;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain HTTP client for tests that drive a service or the gateway over real HTTP, the way the
 * frontend does: JSON in, status and JSON out, any headers on the side. Every exchange is checked
 * against docs/openapi.yaml when the tests run with it ({@link OpenApiContract}).
 */
public final class TestApi {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  public TestApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** An answer: its status, body (parsed when JSON) and headers. */
  public record Answer(int status, String text, Map<String, String> headers) {
    public JsonObject json() {
      Object value = text.isEmpty() ? null : Json.decodeValue(text);
      if (value instanceof JsonObject object) return object;
      throw new AssertionError("Expected a JSON object, got: " + text);
    }

    public JsonArray array(String field) {
      return json().getJsonArray(field);
    }

    /** The error code of a JSON error answer. */
    public String errorCode() {
      return json().getJsonObject("error").getString("code");
    }

    /** The field names an error answer names. */
    public java.util.List<String> errorFields() {
      JsonArray details = json().getJsonObject("error").getJsonArray("details", new JsonArray());
      return details.stream().map(d -> ((JsonObject) d).getString("field")).toList();
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }

  /** A request under construction. */
  public final class Call {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;

    private Call(String method, String path) {
      this.method = method;
      this.path = path;
    }

    public Call token(String accessToken) {
      return header("Authorization", "Bearer " + accessToken);
    }

    public Call header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Call json(JsonObject json) {
      return raw(json.encode());
    }

    public Call raw(String text) {
      body = text;
      headers.putIfAbsent("Content-Type", "application/json");
      return this;
    }

    public Answer send() {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      headers.forEach(request::header);
      try {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> answerHeaders = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> answerHeaders.put(name.toLowerCase(), values.get(0)));
        Answer answer = new Answer(response.statusCode(), response.body(), answerHeaders);
        OpenApiContract contract = OpenApiContract.enabled();
        if (contract != null) contract.check(method, path, body, answer.status(), answer.text());
        return answer;
      } catch (IOException e) {
        throw new IllegalStateException(method + " " + path + " failed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  public Call get(String path) {
    return new Call("GET", path);
  }

  public Call post(String path) {
    return new Call("POST", path);
  }

  public Call put(String path) {
    return new Call("PUT", path);
  }

  public Call delete(String path) {
    return new Call("DELETE", path);
  }
}
