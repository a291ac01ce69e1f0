package com.fashionos.standalone;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi;
import com.fashionos.platform.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar} without memory flags runs the stack in a second JVM with a bounded heap; a
 * JVM whose user chose its memory runs it itself; the launcher passes SIGTERM on and exits when
 * the stack has stopped.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BoundedJvmTest {
  private static final Path JAVA_HOME = Path.of("/jdk");

  private static Optional<List<String>> command(List<String> jvmArguments, Map<String, String> env) {
    return BoundedJvm.command(jvmArguments, new Env(env), JAVA_HOME, "app.jar", 42, List.of("--demo"));
  }

  @Test
  void withoutAHeapLimitTheStackRunsInABoundedJvmWithTheUsersOtherOptions() {
    List<String> command = command(List.of("-Dfoo=bar"), Map.of()).orElseThrow();
    assertThat(command.get(0)).isEqualTo("/jdk/bin/java");
    assertThat(command).containsSubsequence(BoundedJvm.DEFAULT_OPTIONS);
    assertThat(command).containsSubsequence("-Xmx512m", "-Dfoo=bar", "-D" + BoundedJvm.LAUNCHER_PID_PROPERTY + "=42",
        "-cp", "app.jar", Standalone.class.getName(), "--demo");
  }

  @Test
  void fashionosJavaOptsReplaceTheDefaults() {
    List<String> command = command(List.of(), Map.of(BoundedJvm.OPTIONS_VARIABLE, " -Xmx2g  -XX:+UseSerialGC ")).orElseThrow();
    assertThat(command).containsSubsequence("/jdk/bin/java", "-Xmx2g", "-XX:+UseSerialGC", "-D" + BoundedJvm.LAUNCHER_PID_PROPERTY + "=42");
    assertThat(command).doesNotContain("-Xmx512m");
  }

  @Test
  void aJvmWhoseUserChoseItsMemoryOrAttachedAnAgentRunsTheStackItself() {
    for (String chosen : List.of("-Xmx1g", "-XX:MaxRAMPercentage=50", "-XX:MaxHeapSize=1073741824",
        "-agentlib:jdwp=transport=dt_socket,server=y,address=5005")) {
      assertThat(command(List.of(chosen), Map.of(BoundedJvm.OPTIONS_VARIABLE, "-Xmx2g"))).as(chosen).isEmpty();
    }
    // The second JVM itself never launches a third.
    assertThat(command(List.of("-D" + BoundedJvm.LAUNCHER_PID_PROPERTY + "=7"), Map.of())).isEmpty();
  }

  @Test
  void theLaunchedStackHasTheBoundedHeapAndStopsOnTheLaunchersSigterm(@TempDir Path dataDir) throws Exception {
    int port = StandaloneProcess.freePort();
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), BoundedJvm.class.getName());
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("FASHIONOS_DATA_DIR", dataDir.toString());
    builder.environment().put("LOG_LEVEL", "INFO");
    builder.environment().remove("DATABASE_URL");
    builder.environment().remove(BoundedJvm.OPTIONS_VARIABLE);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    Path log = dataDir.resolve("launcher.log");
    Process launcher = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      TestApi api = new TestApi("http://localhost:" + port);
      eventually("the stack to answer ready", Duration.ofMinutes(3),
          () -> launcher.isAlive() ? api.get("/health/ready").send().status() : -1, s -> s == 200 || s == -1);
      assertThat(launcher.isAlive()).as("launcher alive; its output: %s", Files.readString(log)).isTrue();
      ProcessHandle stack = launcher.children().findFirst().orElseThrow();
      // ProcessHandle.Info leaves out a command line this long (the test class path); /proc has it.
      List<String> arguments = List.of(Files.readString(Path.of("/proc", Long.toString(stack.pid()), "cmdline")).split("\0"));
      assertThat(arguments).contains("-Xmx512m", Standalone.class.getName());

      launcher.destroy();
      assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as("launcher exited after SIGTERM").isTrue();
      assertThat(stack.isAlive()).as("the stack stopped before its launcher exited").isFalse();
      assertThat(Files.readString(log)).contains("FashionOS Events is stopping");
    } finally {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
  }
}
