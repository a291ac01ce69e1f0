package com.fashionos.embedded;

import com.fashionos.platform.config.DatabaseConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A service's {@code Main} in a JVM of its own, as a pod runs it: for tests of what only a whole
 * process shows (exit statuses, SIGTERM). It gets the test's class path and only the environment
 * given; its output is kept, line by line, and echoed with the service's name in front.
 */
public final class ServiceProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();

  private ServiceProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread reader = new Thread(this::read, "service-process-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code main} with {@code args} and exactly the environment {@code env}. */
  public static ServiceProcess start(String name, Class<?> main, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    try {
      return new ServiceProcess(name, builder.start());
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

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.add(line);
        System.out.println("[" + name + "] " + line);
      }
    } catch (IOException e) {
      // The process is gone; what it wrote is kept.
    }
  }

  /** What it has written so far, stdout and stderr together. */
  public List<String> output() {
    return List.copyOf(output);
  }

  /** Sends SIGTERM, as Kubernetes does to stop a pod. */
  public void terminate() {
    process.destroy();
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

  /** Kills what is left (a failed test must not leave a service running). */
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
  }
}
