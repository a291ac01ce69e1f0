package com.fashionos.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.embedded.EmbeddedS3;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.S3Config;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standalone is safe by default: its secrets are generated per data directory and readable by
 * the owner only, nothing but the gateway is reachable from the network, and no account exists
 * that nobody created (the demo data only on {@code --demo}).
 */
class SafeDefaultsTest {
  @TempDir static Path dataDir;
  static Standalone standalone;
  static TestApi api;

  @BeforeAll
  static void start() {
    standalone = Standalone.start(new Env(Map.of("PORT", Integer.toString(StandaloneProcess.freePort()),
        "FASHIONOS_DATA_DIR", dataDir.toString())));
    api = new TestApi("http://localhost:" + standalone.port());
  }

  @AfterAll
  static void stop() {
    if (standalone != null) standalone.close();
  }

  @Test
  void everySecretOfTheDataDirectoryIsReadableByItsOwnerOnly() throws IOException {
    for (String secret : List.of("jwt-secret", "file-link-key", "s3-access-key", "s3-secret-key")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(secret))))
          .as(secret).isEqualTo("rw-------");
    }
  }

  @Test
  void eachDataDirectoryGetsItsOwnS3CredentialsKeptAcrossRestarts(@TempDir Path first, @TempDir Path second)
      throws Exception {
    S3Config firstStart;
    try (EmbeddedS3 s3 = EmbeddedS3.startPersistent(first)) {
      firstStart = s3.config();
      // Without the credentials the store lists nothing: an anonymous request is refused.
      HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(firstStart.endpoint() + "/")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(403);
    }
    try (EmbeddedS3 restarted = EmbeddedS3.startPersistent(first); EmbeddedS3 other = EmbeddedS3.startPersistent(second)) {
      assertThat(restarted.config().accessKey()).isEqualTo(firstStart.accessKey());
      assertThat(restarted.config().secretKey()).isEqualTo(firstStart.secretKey());
      assertThat(other.config().accessKey()).isNotEqualTo(firstStart.accessKey());
      assertThat(other.config().secretKey()).isNotEqualTo(firstStart.secretKey()).hasSizeGreaterThanOrEqualTo(40);
    }
    try (EmbeddedS3 once = EmbeddedS3.startTransient(); EmbeddedS3 twice = EmbeddedS3.startTransient()) {
      assertThat(once.config().secretKey()).isNotEqualTo(twice.config().secretKey());
    }
  }

  /**
   * Every address of this machine that is not 127.0.0.1 and at which the gateway (bound to every
   * interface) answers: the machine's own non-loopback addresses, and 127.0.0.2, which reaches a
   * server bound to every interface but not one bound to 127.0.0.1 (so the check runs on a machine
   * with loopback only too).
   */
  private static List<InetAddress> otherAddresses() throws IOException {
    List<InetAddress> candidates = new ArrayList<>(List.of(InetAddress.getByName("127.0.0.2")));
    try (Stream<NetworkInterface> interfaces = NetworkInterface.networkInterfaces()) {
      interfaces.flatMap(NetworkInterface::inetAddresses)
          .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
          .forEach(candidates::add);
    }
    List<InetAddress> reachable = new ArrayList<>();
    for (InetAddress address : candidates) {
      if (connects(address, standalone.port())) reachable.add(address);
    }
    return reachable;
  }

  private static boolean connects(InetAddress address, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
      return true;
    } catch (ConnectException | SocketTimeoutException unreachable) {
      return false;
    }
  }

  @Test
  void onlyTheGatewayIsReachableFromOtherAddresses() throws IOException {
    Map<String, Integer> internal = standalone.internalPorts();
    assertThat(internal).containsKeys("events-service", "tasks-service", "budget-service", "files-service",
        "realtime-gateway", "ai-tasks-worker", "postgres", "kafka", "kafka-controller", "s3");
    List<InetAddress> others = otherAddresses();
    assertThat(others).as("an address besides 127.0.0.1 at which the gateway answers").isNotEmpty();
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    internal.forEach((what, port) -> {
      try {
        assertThat(connects(loopback, port)).as(what + " on 127.0.0.1:" + port).isTrue();
        for (InetAddress address : others) {
          assertThat(connects(address, port)).as(what + " on " + address.getHostAddress() + ":" + port).isFalse();
        }
      } catch (IOException e) {
        throw new AssertionError(what, e);
      }
    });
  }

  @Test
  void withoutDemoTheDemoAccountsDoNotExist() {
    assertThat(standalone.demoPassword()).isEmpty();
    assertThat(dataDir.resolve("demo-password")).doesNotExist();
    Answer demo = api.post("/auth/v1/token?grant_type=password")
        .json(new JsonObject().put("email", "sarah@fashionos.demo").put("password", "fashionos-demo")).send();
    assertThat(demo.status()).as(demo.toString()).isEqualTo(400);
    assertThat(demo.errorCode()).isEqualTo("invalid_credentials");
    Answer newcomer = api.post("/auth/v1/signup").json(new JsonObject().put("email", "first@example.com")
        .put("password", "runway-2027").put("data", new JsonObject().put("full_name", "First User"))).send();
    assertThat(newcomer.status()).as(newcomer.toString()).isEqualTo(200);
    String token = newcomer.json().getString("access_token");
    assertThat(api.get("/api/v1/sponsors").token(token).send().json().getLong("total")).isZero();
    assertThat(api.get("/api/v1/events?include_archived=true").token(token).send().json().getLong("total")).isZero();
  }

  @Test
  void theDemoDataIsAskedForByArgumentOrEnvironmentOnly() {
    Path dir = dataDir.resolve("config");
    Env none = new Env(Map.of("FASHIONOS_DATA_DIR", dir.toString(), "JWT_SECRET", "x".repeat(32)));
    assertThat(StandaloneConfig.from(none, List.of()).demoData()).isFalse();
    assertThat(StandaloneConfig.from(none, List.of("--demo")).demoData()).isTrue();
    Env asked = new Env(Map.of("FASHIONOS_DATA_DIR", dir.toString(), "JWT_SECRET", "x".repeat(32), "FASHIONOS_DEMO", "true"));
    assertThat(StandaloneConfig.from(asked, List.of()).demoData()).isTrue();
    assertThatThrownBy(() -> StandaloneConfig.from(none, List.of("--demo-data")))
        .hasMessageContaining("--demo-data").hasMessageContaining("--demo");
    assertThatThrownBy(() -> StandaloneConfig.from(new Env(Map.of("FASHIONOS_DEMO", "maybe", "JWT_SECRET", "x")), List.of()))
        .hasMessageContaining("FASHIONOS_DEMO");
  }
}
