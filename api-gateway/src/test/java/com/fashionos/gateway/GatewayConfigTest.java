package com.fashionos.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.platform.config.Env;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

  @Test
  void defaultsWorkWithNoConfiguration() {
    GatewayConfig config = GatewayConfig.fromEnv(new Env(Map.of()));
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.corsAllowedOrigins()).isEmpty();
    assertThat(config.rateLimitPerMinute()).isEqualTo(100);
    assertThat(config.identityEnabled()).isFalse();
    assertThat(config.backendTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.route("/api/v1/events/e1").orElseThrow())
        .extracting(ServiceRoute::service, ServiceRoute::host, ServiceRoute::port)
        .containsExactly("events-service", "events-service", 8080);
  }

  @Test
  void readsEveryVariable() {
    GatewayConfig config = GatewayConfig.fromEnv(new Env(Map.of(
        "PORT", "9000",
        "CORS_ALLOWED_ORIGINS", "https://app.fashionos.example, http://localhost:3000",
        "RATE_LIMIT_PER_MINUTE", "0",
        "IDENTITY_ENABLED", "true",
        "BACKEND_TIMEOUT_MS", "2500",
        "EVENTS_SERVICE_URL", "http://10.0.0.7:7001",
        "REALTIME_GATEWAY_URL", "http://realtime")));
    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.corsAllowedOrigins()).containsExactly("https://app.fashionos.example", "http://localhost:3000");
    assertThat(config.rateLimitPerMinute()).isZero();
    assertThat(config.identityEnabled()).isTrue();
    assertThat(config.backendTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(config.route("/api/v1/venues").orElseThrow())
        .extracting(ServiceRoute::host, ServiceRoute::port).containsExactly("10.0.0.7", 7001);
    assertThat(config.route("/realtime/v1").orElseThrow())
        .extracting(ServiceRoute::host, ServiceRoute::port).containsExactly("realtime", 80);
  }

  @Test
  void budgetServiceIsFoundAtItsOwnVariable() {
    assertThat(GatewayConfig.fromEnv(new Env(Map.of())).route("/api/v1/events/e1/expenses").orElseThrow())
        .extracting(ServiceRoute::host, ServiceRoute::port).containsExactly("budget-service", 8080);
    GatewayConfig config = GatewayConfig.fromEnv(new Env(Map.of("BUDGET_SERVICE_URL", "http://10.0.0.9:7003")));
    assertThat(config.route("/api/v1/events/e1/budget/reallocations").orElseThrow())
        .extracting(ServiceRoute::service, ServiceRoute::host, ServiceRoute::port)
        .containsExactly("budget-service", "10.0.0.9", 7003);
    assertThat(config.route("/api/v1/events/e1").orElseThrow().host()).isEqualTo("events-service");
  }

  @Test
  void identityIsOnOnlyWhenAskedFor() {
    // Production signs in with its provider; the built-in identity is standalone's, or an explicit choice.
    assertThat(GatewayConfig.fromEnv(new Env(Map.of("JWT_SECRET", "s"))).identityEnabled()).isFalse();
    assertThat(GatewayConfig.fromEnv(new Env(Map.of("JWKS_URL", "https://auth.example/jwks"))).identityEnabled())
        .isFalse();
    assertThat(GatewayConfig.fromEnv(new Env(Map.of("IDENTITY_ENABLED", "on"))).identityEnabled()).isTrue();
  }

  @Test
  void theFirstMatchingRowWins() {
    GatewayConfig config = GatewayConfig.fromEnv(new Env(Map.of()));
    assertThat(config.route("/api/v1/events/e1/tasks/t1").orElseThrow().service()).isEqualTo("tasks-service");
    assertThat(config.route("/api/v1/events/e1/tasks").orElseThrow().service()).isEqualTo("tasks-service");
    assertThat(config.route("/api/v1/me/tasks").orElseThrow().service()).isEqualTo("tasks-service");
    assertThat(config.route("/api/v1/me/notifications").orElseThrow().service()).isEqualTo("events-service");
    assertThat(config.route("/api/v1/me/notifications/n1/read").orElseThrow().service()).isEqualTo("events-service");
    assertThat(config.route("/api/v1/events/e1/budget").orElseThrow().service()).isEqualTo("budget-service");
    assertThat(config.route("/api/v1/events/e1/budget/categories/venue").orElseThrow().service())
        .isEqualTo("budget-service");
    assertThat(config.route("/api/v1/events/e1/expenses/x1").orElseThrow().service()).isEqualTo("budget-service");
    assertThat(config.route("/api/v1/events/e1/budgets").orElseThrow().service()).isEqualTo("events-service");
    assertThat(config.route("/api/v1/events/e1/files").orElseThrow().service()).isEqualTo("files-service");
    assertThat(config.route("/api/v1/events/e1/files/f1").orElseThrow().service()).isEqualTo("files-service");
    assertThat(config.route("/api/v1/events/e1/contracts/c1").orElseThrow().service()).isEqualTo("files-service");
    assertThat(config.route("/public/v1/files/f1").orElseThrow().service()).isEqualTo("files-service");
    assertThat(config.route("/storage/v1/files/f1").orElseThrow().service()).isEqualTo("files-service");
    assertThat(config.route("/api/v1/events/e1/changes").orElseThrow().service()).isEqualTo("realtime-gateway");
    assertThat(config.route("/api/v1/events/e1").orElseThrow().service()).isEqualTo("events-service");
    assertThat(config.route("/api/v1/events/e1/invitations/i1").orElseThrow().service()).isEqualTo("events-service");
    assertThat(config.route("/api/v1/invitations/accept").orElseThrow().service()).isEqualTo("events-service");
    assertThat(config.route("/api/v1/events").orElseThrow().service()).isEqualTo("events-service");
    assertThat(config.route("/api/v1/eventsx")).isEmpty();
    assertThat(config.route("/api/v1/unknown")).isEmpty();

    ServiceRoute broad = ServiceRoute.of("events-service", "^/api/v1/(events)(/.*)?$", "http://events:1");
    ServiceRoute narrow = ServiceRoute.of("tasks-service", "^/api/v1/events/[^/]+/tasks(/.*)?$", "http://tasks:2");
    GatewayConfig broadFirst = new GatewayConfig(0, List.of(), 0, false, List.of(broad, narrow), Duration.ofSeconds(1));
    assertThat(broadFirst.route("/api/v1/events/e1/tasks").orElseThrow().service()).isEqualTo("events-service");
  }

  @Test
  void corsOriginsAreExactOrAnyPortOrStar() {
    assertThat(GatewayConfig.fromEnv(new Env(Map.of("CORS_ALLOWED_ORIGINS", "*"))).corsAllowedOrigins())
        .containsExactly("*");
    assertThat(GatewayConfig.fromEnv(new Env(Map.of("CORS_ALLOWED_ORIGINS", "http://localhost:*, https://app.example.com")))
        .corsAllowedOrigins()).containsExactly("http://localhost:*", "https://app.example.com");
    assertThatThrownBy(() -> GatewayConfig.fromEnv(new Env(Map.of("CORS_ALLOWED_ORIGINS", "*, https://app.example.com"))))
        .hasMessageContaining("CORS_ALLOWED_ORIGINS");
    assertThatThrownBy(() -> GatewayConfig.fromEnv(new Env(Map.of("CORS_ALLOWED_ORIGINS", "https://*.example.com"))))
        .hasMessageContaining("CORS_ALLOWED_ORIGINS");

    Cors cors = new Cors(List.of("https://app.example.com", "http://localhost:*"));
    assertThat(cors.allows("https://app.example.com")).isTrue();
    assertThat(cors.allows("HTTPS://App.Example.com")).isTrue();
    assertThat(cors.allows("https://app.example.com:8443")).isFalse();
    assertThat(cors.allows("http://app.example.com")).isFalse();
    assertThat(cors.allows("http://localhost:5173")).isTrue();
    assertThat(cors.allows("http://localhost")).isTrue();
    assertThat(cors.allows("https://localhost:5173")).isFalse();
    assertThat(cors.allows("http://localhost.evil.example")).isFalse();
    assertThat(cors.allows("http://localhost:5173.evil.example")).isFalse();
    assertThat(cors.allows("null")).isFalse();
  }

  @Test
  void refusesBadValuesAtStart() {
    assertThatThrownBy(() -> GatewayConfig.fromEnv(new Env(Map.of("CORS_ALLOWED_ORIGINS", "app.example.com"))))
        .hasMessageContaining("CORS_ALLOWED_ORIGINS");
    assertThatThrownBy(() -> GatewayConfig.fromEnv(new Env(Map.of("CORS_ALLOWED_ORIGINS", "https://app.example.com/"))))
        .hasMessageContaining("CORS_ALLOWED_ORIGINS");
    assertThatThrownBy(() -> GatewayConfig.fromEnv(new Env(Map.of("EVENTS_SERVICE_URL", "events-service:8080"))))
        .hasMessageContaining("events-service");
    assertThatThrownBy(() -> GatewayConfig.fromEnv(new Env(Map.of("RATE_LIMIT_PER_MINUTE", "-1"))))
        .hasMessageContaining("RATE_LIMIT_PER_MINUTE");
    assertThatThrownBy(() -> GatewayConfig.fromEnv(new Env(Map.of("IDENTITY_ENABLED", "maybe"))))
        .hasMessageContaining("IDENTITY_ENABLED");
    assertThatThrownBy(() -> GatewayConfig.fromEnv(new Env(Map.of("BACKEND_TIMEOUT_MS", "0"))))
        .hasMessageContaining("BACKEND_TIMEOUT_MS");
  }
}
