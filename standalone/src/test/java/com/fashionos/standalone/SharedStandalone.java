package com.fashionos.standalone;

import com.fashionos.embedded.TestApi;
import com.fashionos.platform.config.Env;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One whole system for the test classes that need nothing special of it: started on the first
 * injection of a {@link Stack}, stopped when JUnit closes its root store at the end of the run.
 * Classes stay apart by their own users and events. The rate limit is off: tests poll for
 * asynchronous projections without pacing themselves. Classes that restart the system or need
 * other settings start their own.
 */
public final class SharedStandalone implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(SharedStandalone.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Stack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Stack.class, type -> Stack.start(), Stack.class);
  }

  /** The running system and an API client of its gateway. */
  public static final class Stack implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final Path dataDir;
    private final Standalone standalone;
    private final TestApi api;

    private Stack(Path dataDir, Standalone standalone) {
      this.dataDir = dataDir;
      this.standalone = standalone;
      this.api = new TestApi("http://localhost:" + standalone.port());
    }

    static Stack start() {
      try {
        Path dataDir = Files.createTempDirectory("fashionos-shared-standalone");
        return new Stack(dataDir, Standalone.start(new Env(Map.of("PORT", Integer.toString(StandaloneProcess.freePort()),
            "FASHIONOS_DATA_DIR", dataDir.toString(), "FASHIONOS_DEMO_DATA", "false", "RATE_LIMIT_PER_MINUTE", "0"))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public TestApi api() {
      return api;
    }

    /** The gateway's port, for clients that write raw HTTP (RawUpload). */
    public int port() {
      return standalone.port();
    }

    /** Signs up a new person (the address made unique) and answers the session, as the identity gives it. */
    public JsonObject signUp(String name) {
      String email = name.toLowerCase().replaceAll("[^a-z]+", ".") + "." + UUID.randomUUID().toString().substring(0, 8)
          + "@example.com";
      TestApi.Answer answer = api.post("/auth/v1/signup").json(new JsonObject().put("email", email)
          .put("password", "runway-2027").put("data", new JsonObject().put("full_name", name))).send();
      if (answer.status() != 200) throw new AssertionError("sign up failed: " + answer);
      return answer.json();
    }

    @Override
    public void close() throws IOException {
      standalone.close();
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
