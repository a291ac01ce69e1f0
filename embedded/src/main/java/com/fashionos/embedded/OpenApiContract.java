package com.fashionos.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * docs/openapi.yaml as a check on real exchanges: {@link TestApi} hands every request and answer
 * to {@link #check} when the system property {@value #PROPERTY} names the document (the parent
 * pom sets it for every module's tests), so the document cannot drift from what the services do.
 */
public final class OpenApiContract {
  public static final String PROPERTY = "fashionos.openapi";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile OpenApiContract current;

  /** One documented operation: its method, path template and the document's node for it. */
  public record Operation(String method, String template, Pattern pattern, JsonNode node) {
    String id() {
      return method + " " + template;
    }
  }

  private final JsonNode document;
  private final List<Operation> operations = new ArrayList<>();
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
  private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  private OpenApiContract(JsonNode document) {
    this.document = document;
    document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      if (!Set.of("get", "put", "post", "delete", "patch").contains(op.getKey())) return;
      operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), templatePattern(path.getKey()), op.getValue()));
    }));
    // Literal segments before parameters: PUT …/files/settings is not PUT …/files/{fileId}.
    operations.sort(Comparator.comparingLong(o -> o.template().chars().filter(c -> c == '{').count()));
  }

  /** The document read from a file (YAML or JSON). */
  public static OpenApiContract read(Path file) {
    try {
      return new OpenApiContract(new YAMLMapper().readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** The document the tests are held to, or null when {@value #PROPERTY} is not set. */
  public static OpenApiContract enabled() {
    String file = System.getProperty(PROPERTY);
    if (file == null || file.isBlank()) return null;
    if (current == null) {
      synchronized (OpenApiContract.class) {
        if (current == null) current = read(Path.of(file));
      }
    }
    return current;
  }

  public List<Operation> operations() {
    return List.copyOf(operations);
  }

  /** The operation documented for this method and path (no query), or null. */
  public Operation find(String method, String path) {
    for (Operation op : operations) {
      if (op.method().equals(method) && op.pattern().matcher(path).matches()) return op;
    }
    return null;
  }

  /**
   * Fails unless {@code mount} registers at least one route and every {@code /api/v1} and {@code /auth/v1} route it
   * registers is an operation of {@code docs/openapi.yaml} (read from a module's directory).
   * Mounting only registers handlers, so the routes classes need no live dependencies for it.
   */
  public static void assertRoutesDocumented(Consumer<Router> mount) {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = Router.router(vertx);
      mount.accept(router);
      if (router.getRoutes().isEmpty()) throw new AssertionError("no route mounted");
      List<String> missing = read(Path.of("..", "docs", "openapi.yaml")).undocumentedRoutes(router);
      if (!missing.isEmpty()) throw new AssertionError("routes missing from docs/openapi.yaml: " + missing);
    } finally {
      vertx.close();
    }
  }

  /**
   * The {@code /api/v1} and {@code /auth/v1} routes (method and Vert.x path) a service's router mounts that the
   * document does not describe; routes without a method (filters such as authentication) are skipped.
   */
  public List<String> undocumentedRoutes(Router router) {
    List<String> missing = new ArrayList<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || !isApi(path) || route.methods() == null) continue;
      for (HttpMethod method : route.methods()) {
        Operation op = find(method.name(), path.replaceAll(":[A-Za-z_][A-Za-z0-9_]*", "p"));
        if (op == null || !shape(op.template()).equals(shape(path))) missing.add(method.name() + " " + path);
      }
    }
    return missing;
  }

  /** The paths the document must describe: the REST API and the standalone identity. */
  private static boolean isApi(String path) {
    return path.startsWith("/api/v1/") || path.startsWith("/auth/v1/");
  }

  /**
   * Checks one exchange; throws an AssertionError naming the operation, the JSON pointer and the
   * message on a mismatch. The request body is checked only when the answer is 2xx (tests of bad
   * input send invalid bodies on purpose). An undocumented {@code /api/v1} or {@code /auth/v1} exchange fails unless
   * it answered 404 or 405 (a test that an endpoint does not exist).
   */
  public void check(String method, String pathAndQuery, String requestBody, int status, String responseBody) {
    String path = pathAndQuery.split("\\?", 2)[0];
    Operation op = find(method, path);
    if (op == null) {
      if (isApi(path) && status != 404 && status != 405) {
        throw new AssertionError("docs/openapi.yaml documents no " + method + " " + path + " (answered " + status + ")");
      }
      return;
    }
    List<String> problems = new ArrayList<>();
    JsonNode requestSchema = resolved(op.node().path("requestBody")).path("content").path("application/json").path("schema");
    if (status / 100 == 2 && requestBody != null && !requestSchema.isMissingNode()) {
      validate(op, "requestBody", requestSchema, requestBody, "request", problems);
    }
    JsonNode responses = op.node().path("responses");
    String key = Integer.toString(status);
    JsonNode response = responses.has(key) ? responses.get(key) : responses.path("default");
    if (response.isMissingNode()) {
      problems.add("status " + status + " is not documented (and there is no default)");
    } else {
      JsonNode schema = resolved(response).path("content").path("application/json").path("schema");
      String usedKey = responses.has(key) ? key : "default";
      if (!schema.isMissingNode()) validate(op, "responses/" + usedKey, schema, responseBody, "response " + status, problems);
    }
    if (!problems.isEmpty()) {
      throw new AssertionError("docs/openapi.yaml: " + op.id() + " (" + method + " " + pathAndQuery + "):\n  "
          + String.join("\n  ", problems) + "\nrequest: " + requestBody + "\nresponse " + status + ": " + responseBody);
    }
  }

  private void validate(Operation op, String where, JsonNode schemaNode, String body, String what, List<String> problems) {
    JsonNode value;
    try {
      value = body == null || body.isEmpty() ? null : JSON.readTree(body);
    } catch (IOException e) {
      problems.add(what + ": not JSON: " + e.getMessage());
      return;
    }
    if (value == null) {
      problems.add(what + ": empty body, the document gives it a JSON schema");
      return;
    }
    JsonSchema schema = schemas.computeIfAbsent(op.id() + " " + where, k -> schema(schemaNode));
    for (ValidationMessage message : schema.validate(value)) {
      String pointer = message.getInstanceLocation().toString();
      String at = message.getProperty() == null ? pointer : pointer + "/" + message.getProperty();
      problems.add(what + " at " + (at.startsWith("/") ? at : "/" + at) + ": " + message.getError());
    }
  }

  /** A schema of the document, compiled with the document's components beside it so its $refs resolve. */
  private JsonSchema schema(JsonNode schemaNode) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.set("components", document.path("components"));
    root.putObject("$defs").set("target", schemaNode);
    root.put("$ref", "#/$defs/target");
    return factory.getSchema(root, config);
  }

  /** The object itself, or the one its {@code $ref} (local JSON pointer) names. */
  private JsonNode resolved(JsonNode node) {
    JsonNode ref = node.path("$ref");
    return ref.isTextual() ? document.at(ref.asText().substring(1)) : node;
  }

  /** {@code /api/v1/events/{eventId}} → a pattern for one non-empty segment per parameter. */
  public static Pattern templatePattern(String template) {
    return Pattern.compile(Pattern.compile("\\{[^}]+}").splitAsStream(template + "\u0000")
        .map(part -> Pattern.quote(part.replace("\u0000", ""))).collect(Collectors.joining("[^/]+")));
  }

  /** A path with its parameters blanked ({@code /a/{x}} and Vert.x's {@code /a/:x} → {@code /a/{}}). */
  public static String shape(String path) {
    return path.replaceAll("\\{[^}]+}", "{}").replaceAll(":[A-Za-z_][A-Za-z0-9_]*", "{}");
  }
}
