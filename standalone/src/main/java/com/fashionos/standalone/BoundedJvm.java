package com.fashionos.standalone;

import com.fashionos.platform.config.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar fashionos-standalone.jar} gives the JVM no memory limit, so it would grow its
 * heap up to a quarter of the machine's memory (4.6-6.8 GB after a load test). A jar cannot carry
 * JVM options, so a JVM started without a heap limit runs the stack in a second JVM of the same
 * Java with bounded memory ({@link #DEFAULT_OPTIONS}, or {@code FASHIONOS_JAVA_OPTS}), passes
 * its output, signals and exit status through, and otherwise does nothing. A JVM given a heap
 * limit on its command line (or {@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS}), or an agent
 * (a debugger, a profiler), runs the stack itself. docs/operations.md "Memory" says why.
 *
 * <p>The jar's main class: it loads nothing of the stack (no logging, no Vert.x), so the launching
 * JVM stays small.
 */
public final class BoundedJvm {
  static final String OPTIONS_VARIABLE = "FASHIONOS_JAVA_OPTS";
  /** Set on the second JVM: which process launched it (it stops when that one is gone). */
  static final String LAUNCHER_PID_PROPERTY = "fashionos.launcher.pid";
  /**
   * Sized from measurements (docs/benchmarks.md "Footprint"): with 5,000 WebSockets through the
   * gateway the stack's live heap was 281 MiB, 412 MiB at most while writing;
   * G1 keeps pauses short, and its periodic collection gives memory back when idle.
   */
  public static final List<String> DEFAULT_OPTIONS = List.of("-Xmx512m", "-Xss512k", "-XX:MaxMetaspaceSize=256m",
      "-XX:ReservedCodeCacheSize=128m", "-XX:MaxDirectMemorySize=256m", "-XX:+UseG1GC",
      "-XX:G1PeriodicGCInterval=30000");
  private static final List<String> CHOSEN_BY_USER = List.of("-Xmx", "-XX:MaxHeapSize", "-XX:MaxRAM",
      "-XX:MaxRAMPercentage", "-XX:MaxRAMFraction", "-agentlib", "-agentpath", "-javaagent");

  private BoundedJvm() {}

  public static void main(String[] args) {
    Optional<List<String>> bounded = command(ManagementFactory.getRuntimeMXBean().getInputArguments(), Env.system(),
        Path.of(System.getProperty("java.home")), System.getProperty("java.class.path"), ProcessHandle.current().pid(),
        List.of(args));
    if (bounded.isPresent()) {
      runAndExit(bounded.get());
    } else {
      stopWithLauncher();
      Standalone.main(args);
    }
  }

  /**
   * The command that runs the stack in a bounded JVM, or empty when this JVM should run it: it is
   * that second JVM already, or its user chose its memory (or attached an agent).
   */
  static Optional<List<String>> command(List<String> jvmArguments, Env env, Path javaHome, String classPath,
      long pid, List<String> args) {
    boolean relaunched = jvmArguments.stream().anyMatch(a -> a.startsWith("-D" + LAUNCHER_PID_PROPERTY + "="));
    boolean chosen = jvmArguments.stream().anyMatch(a -> CHOSEN_BY_USER.stream().anyMatch(a::startsWith));
    if (relaunched || chosen) return Optional.empty();
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.addAll(env.optional(OPTIONS_VARIABLE).map(o -> Arrays.asList(o.trim().split("\\s+"))).orElse(DEFAULT_OPTIONS));
    // The user's other options (system properties, say) still apply, after the defaults so they win.
    command.addAll(jvmArguments);
    command.add("-D" + LAUNCHER_PID_PROPERTY + "=" + pid);
    command.addAll(List.of("-cp", classPath, Standalone.class.getName()));
    command.addAll(args);
    return Optional.of(command);
  }

  /**
   * Runs {@code command} with this process's input and output and exits with its status. A SIGTERM
   * or Ctrl-C here is passed on (SIGTERM) and waited for, so the stack drains as if signalled itself.
   */
  private static void runAndExit(List<String> command) {
    Process stack;
    try {
      stack = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.destroy();
      stack.onExit().join();
    }, "fashionos-launcher-shutdown"));
    System.exit(stack.onExit().join().exitValue());
  }

  /** In the second JVM: stop (cleanly, through the shutdown hooks) when the launcher is gone, even after a kill -9. */
  private static void stopWithLauncher() {
    Optional.ofNullable(System.getProperty(LAUNCHER_PID_PROPERTY)).map(Long::parseLong).flatMap(ProcessHandle::of)
        .ifPresent(launcher -> launcher.onExit().thenRun(() -> System.exit(0)));
  }
}
