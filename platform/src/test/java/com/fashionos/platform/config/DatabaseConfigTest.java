package com.fashionos.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

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
}
