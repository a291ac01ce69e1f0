package com.fashionos.gateway;

import static com.fashionos.gateway.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fashionos.embedded.Eventually;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.auth.TokenVerifier;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's WebSocket capacity ({@link GatewayConfig.Capacity}): the tunnel limit and the
 * per-address upgrade limit refuse at once with a clear status, a higher configured limit admits
 * more, and tunnels do not take the backend request pool.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WebSocketCapacityTest {
  private static final String SECRET = "capacity-test-secret-capacity-test-secret";
  /** Longer than Await's 30 s: an upgrade left waiting for a backend connection fails the test. */
  private static final Duration BACKEND_TIMEOUT = Duration.ofSeconds(60);

  private Vertx vertx;
  private HttpServer backend;
  private WebSocketClient client;
  private final List<WebSocket> sockets = new ArrayList<>();

  @BeforeEach
  void setUp(Vertx v) {
    vertx = v;
    backend = await(vertx.createHttpServer()
        .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage))
        .requestHandler(req -> req.response().putHeader("Content-Type", "application/json").end("{\"service\":\"events\"}"))
        .listen(0));
    client = vertx.createWebSocketClient();
  }

  @AfterEach
  void tearDown() {
    sockets.forEach(WebSocket::close);
    await(client.close());
  }

  private int gateway(int rateLimitPerMinute, GatewayConfig.Capacity capacity) {
    String url = "http://127.0.0.1:" + backend.actualPort();
    List<ServiceRoute> routes = List.of(
        ServiceRoute.of("events-service", "^/api/v1/events(/.*)?$", url),
        ServiceRoute.of("realtime-gateway", "^/realtime/v1(/.*)?$", url));
    ApiGatewayVerticle gateway = new ApiGatewayVerticle(new GatewayConfig(0, List.of(), rateLimitPerMinute, false, routes,
        BACKEND_TIMEOUT).withCapacity(capacity), new AuthConfig(SECRET, null), null);
    await(vertx.deployVerticle(gateway));
    return gateway.actualPort();
  }

  private WebSocket open(int port) {
    WebSocket ws = await(client.connect(port, "127.0.0.1", "/realtime/v1"));
    sockets.add(ws);
    return ws;
  }

  private UpgradeRejectedException refused(int port) {
    return (UpgradeRejectedException) catchThrowable(() -> open(port));
  }

  @Test
  void pastTheTunnelLimitAnUpgradeIsRefusedAtOnceAndTheRequestPoolStaysFree() {
    // A request pool of 2 under 3 tunnels: tunnels have their own connections.
    int port = gateway(0, new GatewayConfig.Capacity(2, 3, 0));
    for (int i = 0; i < 3; i++) open(port);

    UpgradeRejectedException refusal = refused(port);
    assertThat(refusal).isNotNull();
    assertThat(refusal.getStatus()).isEqualTo(503);
    assertThat(new JsonObject(refusal.getBody()).getJsonObject("error").getString("code")).isEqualTo("too_many_connections");
    assertThat(refusal.getHeaders().get("Retry-After")).isEqualTo("5");

    String token = TokenVerifier.signer(vertx, SECRET).generateToken(new JsonObject()
        .put("sub", UUID.randomUUID().toString()).put("role", "authenticated").put("aud", "authenticated")
        .put("exp", System.currentTimeMillis() / 1000 + 600));
    for (int i = 0; i < 5; i++) {
      assertThat(await(WebClient.create(vertx).get(port, "127.0.0.1", "/api/v1/events").bearerTokenAuthentication(token)
          .send()).statusCode()).isEqualTo(200);
    }

    // A closed tunnel frees its place.
    sockets.get(0).close();
    WebSocket again = Eventually.eventually("a place after a tunnel closed", () -> {
      UpgradeRejectedException stillFull = refused(port);
      return stillFull == null ? sockets.get(sockets.size() - 1) : null;
    }, ws -> ws != null);
    again.writeTextMessage("ping");
    assertThat(again.isClosed()).isFalse();
  }

  @Test
  void upgradesPerAddressHaveALimitOfTheirOwnThatCanBeRaised() {
    // One request a minute for the rest of the API: upgrades are not counted against it.
    int strict = gateway(1, new GatewayConfig.Capacity(200, 100, 2));
    open(strict);
    open(strict);
    UpgradeRejectedException refusal = refused(strict);
    assertThat(refusal).isNotNull();
    assertThat(refusal.getStatus()).isEqualTo(429);
    assertThat(new JsonObject(refusal.getBody()).getJsonObject("error").getString("code")).isEqualTo("rate_limited");
    assertThat(refusal.getHeaders().get("Retry-After")).isNotBlank();

    int raised = gateway(1, new GatewayConfig.Capacity(200, 100, 20));
    for (int i = 0; i < 20; i++) open(raised);
    assertThat(refused(raised).getStatus()).isEqualTo(429);
  }
}
