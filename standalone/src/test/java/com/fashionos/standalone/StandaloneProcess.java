package com.fashionos.standalone;

import static com.fashionos.embedded.Eventually.eventually;

import com.fashionos.embedded.TestApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone stack as a newcomer runs it: its own JVM on this class path, on one data
 * directory and port across restarts, its output in a log file per run.
 */
final class StandaloneProcess implements AutoCloseable {
  private static final Duration READY_WITHIN = Duration.ofSeconds(120);

  private final Path dataDir;
  private final int port;
  private final Map<String, String> env;
  private final List<String> args;
  private final List<Path> logs = new ArrayList<>();
  private Process process;

  StandaloneProcess(Path dataDir, Map<String, String> env, String... args) {
    this.dataDir = dataDir;
    this.port = freePort();
    this.env = new HashMap<>(env);
    this.args = List.of(args);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the process and returns a client once the gateway answers ready. */
  TestApi start() throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), Standalone.class.getName()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("FASHIONOS_DATA_DIR", dataDir.toString());
    builder.environment().put("LOG_LEVEL", "INFO");
    builder.environment().put("ACCESS_LOG_LEVEL", "WARN");
    builder.environment().remove("DATABASE_URL");
    builder.environment().remove("FASHIONOS_DEMO");
    builder.environment().putAll(env);
    Path log = dataDir.resolve("standalone-" + logs.size() + ".log");
    logs.add(log);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    process = builder.start();
    TestApi api = new TestApi("http://localhost:" + port);
    // -1: the process is gone, no use waiting further.
    int status = eventually("standalone to answer ready", READY_WITHIN,
        () -> process.isAlive() ? api.get("/health/ready").send().status() : -1, s -> s == 200 || s == -1);
    if (status == -1) throw new AssertionError("standalone exited with " + process.exitValue() + logs());
    return api;
  }

  /** kill -9: no shutdown hook runs, nothing is flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM; whether the process exited in time. */
  boolean stop() throws InterruptedException {
    process.destroy();
    return process.waitFor(60, TimeUnit.SECONDS);
  }

  /** The password the latest run printed for a demo account, from its {@code email / password} line. */
  String printedPassword(String email) throws IOException {
    Matcher line = Pattern.compile("(?m)^\\s+" + Pattern.quote(email) + " / (\\S+)  \\(").matcher(Files.readString(logs.get(logs.size() - 1)));
    if (!line.find()) throw new AssertionError("no password printed for " + email + logs());
    return line.group(1);
  }

  /** What every run wrote, for failure messages. */
  String logs() throws IOException {
    StringBuilder text = new StringBuilder();
    for (Path log : logs) {
      if (Files.exists(log)) text.append("\n--- ").append(log.getFileName()).append('\n').append(Files.readString(log));
    }
    return text.toString();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) kill();
  }
}
