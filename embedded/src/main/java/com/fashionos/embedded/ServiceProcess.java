package com.fashionos.embedded;

import com.fashionos.platform.config.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service's {@code Main} in a JVM of its own, as a pod runs it: for tests of what only a whole
 * process shows (exit statuses, SIGTERM). It gets the test's class path and only the environment
 * given. Its output (stdout and stderr) goes to a file, not a pipe: the JDK closes a pipe when
 * the process exits, under a reader still in it, and the last lines, those of a stop, would be
 * lost. The output is echoed, with the service's name in front, when the process is closed.
 */
public final class ServiceProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ServiceProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code main} with {@code args} and exactly the environment {@code env}. */
  public static ServiceProcess start(String name, Class<?> main, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    try {
      Path log = Files.createTempFile(name + "-", ".log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().clear();
      builder.environment().putAll(env);
      return new ServiceProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** The URL a service's DATABASE_URL takes for {@code database}. */
  public static String databaseUrl(DatabaseConfig database) {
    return "postgres://" + encode(database.user()) + (database.password().isEmpty() ? "" : ":" + encode(database.password()))
        + "@" + database.host() + ":" + database.port() + "/" + database.database();
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8);
  }

  /** What it has written so far, stdout and stderr together, line by line. */
  public List<String> output() {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends SIGTERM, as Kubernetes does to stop a pod. */
  public void terminate() {
    process.destroy();
  }

  /** Sends SIGKILL, as a node failure or the kernel's OOM killer does: no drain, no shutdown hook. */
  public void kill() {
    process.destroyForcibly();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Its exit status, once it exits within {@code within}; fails the test otherwise. */
  public int exitStatus(Duration within) {
    try {
      if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " still runs after " + within.toMillis() + " ms; output: " + output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return process.exitValue();
  }

  /** Kills what is left (a failed test must not leave a service running) and shows what it wrote. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    output().forEach(line -> System.out.println("[" + name + "] " + line));
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // A temporary file; the system cleans it up.
    }
  }
}
