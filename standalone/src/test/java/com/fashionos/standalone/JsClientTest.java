package com.fashionos.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JavaScript client (clients/js) against the whole system: its Node suite (`node --test`)
 * runs with the shared stack's address in {@code FASHIONOS_BASE_URL}, its output streamed to
 * this test's, and must exit 0. Dependencies are installed with `npm ci` when node_modules is
 * missing. Needs Node 20+ on the PATH.
 */
@ExtendWith(SharedStandalone.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class JsClientTest {
  /** Longer than `npm ci` on a slow network or the suite on a loaded machine may take. */
  private static final long COMMAND_LIMIT_MINUTES = 5;

  @Test
  void theNodeSuitePassesAgainstTheRunningStack(SharedStandalone.Stack stack) throws Exception {
    Path client = clientDirectory();
    assertThat(run(client, List.of("node", "--version"), null))
        .as("node is not on the PATH: the JavaScript client's tests need Node 20 or later").isZero();
    if (!Files.isDirectory(client.resolve("node_modules"))) {
      assertThat(run(client, List.of("npm", "ci", "--no-audit", "--no-fund"), null)).as("npm ci in " + client).isZero();
    }
    List<String> command = new ArrayList<>(List.of("node", "--test", "--test-concurrency=4"));
    try (Stream<Path> files = Files.list(client.resolve("test"))) {
      // the files apart run at once (each test has its own people and events); helpers are no tests
      files.map(file -> "test/" + file.getFileName()).filter(name -> name.endsWith(".test.js")).sorted().forEach(command::add);
    }
    assertThat(run(client, command, stack.api().baseUrl())).as("node --test in " + client + " (its output is above)").isZero();
  }

  /** clients/js of this checkout, found from the module's directory upwards. */
  private static Path clientDirectory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("clients/js/package.json"))) return dir.resolve("clients/js");
    }
    throw new AssertionError("clients/js not found above " + Path.of("").toAbsolutePath());
  }

  /**
   * Runs a command in {@code dir}, its output streamed to ours; answers the exit code, -1 when it
   * cannot start or outlasts {@link #COMMAND_LIMIT_MINUTES} (then it is killed).
   */
  private static int run(Path dir, List<String> command, String baseUrl) throws InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    if (baseUrl != null) builder.environment().put("FASHIONOS_BASE_URL", baseUrl);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      System.out.println("cannot run " + command.get(0) + ": " + e.getMessage());
      return -1;
    }
    Thread output = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        lines.lines().forEach(line -> System.out.println("[" + command.get(0) + "] " + line));
      } catch (IOException | UncheckedIOException e) {
        // the process went away: its exit code tells
      }
    }, "js-client-output");
    output.setDaemon(true);
    output.start();
    try {
      if (!process.waitFor(COMMAND_LIMIT_MINUTES, TimeUnit.MINUTES)) {
        System.out.println(command.get(0) + " still running after " + COMMAND_LIMIT_MINUTES + " minutes: killed");
        return -1;
      }
      output.join(5_000);
      return process.exitValue();
    } finally {
      process.destroyForcibly(); // timed out or interrupted: leave no node behind
    }
  }
}
