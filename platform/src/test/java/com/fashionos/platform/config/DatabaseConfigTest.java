package com.fashionos.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {
  @Test
  void postgresUrlWithEverything() {
    assertThat(DatabaseConfig.fromUrl("postgres://alice:s3cret@db.example.com:6543/fashion", 7))
        .isEqualTo(new DatabaseConfig("db.example.com", 6543, "fashion", "alice", "s3cret", 7));
  }

  @Test
  void postgresqlScheme() {
    assertThat(DatabaseConfig.fromUrl("postgresql://bob:pw@10.0.0.5:5433/events", 3))
        .isEqualTo(new DatabaseConfig("10.0.0.5", 5433, "events", "bob", "pw", 3));
  }

  @Test
  void jdbcUrlWithUserAndPasswordParameters() {
    assertThat(DatabaseConfig.fromUrl("jdbc:postgresql://pg.internal/fashionos?user=svc&password=p%40ss&ssl=true", 5))
        .isEqualTo(new DatabaseConfig("pg.internal", 5432, "fashionos", "svc", "p@ss", 5));
  }

  @Test
  void urlEncodedUserAndPassword() {
    DatabaseConfig config = DatabaseConfig.fromUrl("postgres://us%65r:p%40ss%3Aw%2Frd%25@host/db", 1);
    assertThat(config.user()).isEqualTo("user");
    assertThat(config.password()).isEqualTo("p@ss:w/rd%");
  }

  @Test
  void plusInAUserInfoPasswordIsLiteral() {
    // In a URI's user info '+' is an ordinary character, not an encoded space (libpq agrees).
    assertThat(DatabaseConfig.fromUrl("postgres://app:a+b==@host/db", 1).password()).isEqualTo("a+b==");
  }

  @Test
  void passwordMayContainAColon() {
    assertThat(DatabaseConfig.fromUrl("postgres://app:a:b@host/db", 1).password()).isEqualTo("a:b");
  }

  @Test
  void userWithoutPassword() {
    DatabaseConfig config = DatabaseConfig.fromUrl("postgres://postgres@localhost:5432/fashionos", 10);
    assertThat(config).isEqualTo(new DatabaseConfig("localhost", 5432, "fashionos", "postgres", "", 10));
  }

  @Test
  void defaults() {
    assertThat(DatabaseConfig.fromUrl("postgres://somehost", 2))
        .isEqualTo(new DatabaseConfig("somehost", 5432, "postgres", "postgres", "", 2));
    assertThat(DatabaseConfig.fromUrl("postgres://somehost/", 2).database()).isEqualTo("postgres");
  }

  @Test
  void hostNameWithUnderscoreIsKept() {
    // Docker Compose service names may contain '_', which java.net.URI does not accept as a host.
    assertThat(DatabaseConfig.fromUrl("postgres://app:pw@fashionos_db:5433/events", 4))
        .isEqualTo(new DatabaseConfig("fashionos_db", 5433, "events", "app", "pw", 4));
  }

  @Test
  void jdbcUrlAndCopies() {
    DatabaseConfig config = DatabaseConfig.fromUrl("postgres://a:b@h:1234/db", 3);
    assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://h:1234/db");
    assertThat(config.withDatabase("other"))
        .isEqualTo(new DatabaseConfig("h", 1234, "other", "a", "b", 3));
    assertThat(config.withPoolSize(9).poolSize()).isEqualTo(9);
  }

  @Test
  void toStringHidesThePassword() {
    assertThat(DatabaseConfig.fromUrl("postgres://a:topsecret@h:1234/db", 3).toString())
        .doesNotContain("topsecret").contains("a@h:1234/db");
  }

  @Test
  void sslSettingsFromTheUrlAndTheEnvironment() {
    DatabaseConfig url = DatabaseConfig.fromUrl("postgres://a:b@h/db?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem", 3);
    assertThat(url.sslMode()).isEqualTo("verify-full");
    assertThat(url.sslRootCert()).isEqualTo("/etc/ca.pem");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem");

    DatabaseConfig env = DatabaseConfig.fromEnv(new Env(Map.of(
        "DATABASE_URL", "postgres://owner:pw@h/db?sslmode=require",
        "DATABASE_SSLMODE", "verify-ca", "DATABASE_SSLROOTCERT", "/ca.pem",
        "DATABASE_RUNTIME_USER", "fashionos_runtime", "DATABASE_MIGRATE", "false")));
    assertThat(env).isEqualTo(new DatabaseConfig("h", 5432, "db", "owner", "pw", 10, "verify-ca", "/ca.pem",
        "fashionos_runtime", false));
  }

  @Test
  void defaultsMigrateOverTlsIfTheServerOffersIt() {
    DatabaseConfig config = DatabaseConfig.fromEnv(new Env(Map.of()));
    assertThat(config.sslMode()).isEqualTo("prefer");
    assertThat(config.migrate()).isTrue();
    assertThat(config.runtimeUser()).isNull();
    assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/fashionos");
  }

  @Test
  void badSettingsAreRefusedAtStart() {
    assertThatThrownBy(() -> DatabaseConfig.fromUrl("postgres://h/db?sslmode=maybe", 1))
        .hasMessageContaining("sslmode");
    assertThatThrownBy(() -> DatabaseConfig.fromEnv(new Env(Map.of("DATABASE_RUNTIME_USER", "x'; DROP"))))
        .hasMessageContaining("DATABASE_RUNTIME_USER");
    assertThatThrownBy(() -> DatabaseConfig.fromEnv(new Env(Map.of("DATABASE_MIGRATE", "yes"))))
        .hasMessageContaining("DATABASE_MIGRATE");
  }
}
