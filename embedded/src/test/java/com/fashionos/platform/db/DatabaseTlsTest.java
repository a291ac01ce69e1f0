package com.fashionos.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.embedded.EmbeddedPostgres;
import com.fashionos.platform.config.DatabaseConfig;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sslmode and sslrootcert reach both ways the services connect, the Vert.x pool and Flyway's
 * JDBC: verify-full with the server's certificate connects encrypted, with another authority's
 * certificate it does not connect at all.
 */
class DatabaseTlsTest {
  private static final ServiceSchema SCHEMA = new ServiceSchema("tls", null);
  @TempDir static Path dir;
  private static EmbeddedPostgres postgres;
  private static Vertx vertx;
  private static DatabaseConfig plain;
  private static Path serverCert;
  private static Path otherCert;

  @BeforeAll
  static void start() throws Exception {
    serverCert = selfSigned("server");
    otherCert = selfSigned("other");
    postgres = EmbeddedPostgres.startTransientWithTls(serverCert, dir.resolve("server.key"));
    plain = postgres.config();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) vertx.close().await();
    if (postgres != null) postgres.close();
  }

  /** A self-signed certificate for 127.0.0.1, made by the openssl binary. */
  private static Path selfSigned(String name) throws IOException, InterruptedException {
    Path cert = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
    openssl.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(openssl.exitValue()).isZero();
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    return cert;
  }

  @Test
  void verifyFullWithTheServersCertificateConnectsEncrypted() throws SQLException {
    DatabaseConfig tls = plain.withSsl("verify-full", serverCert.toString());
    assertThat(poolSaysSsl(tls)).isTrue();
    assertThat(jdbcSaysSsl(tls)).isTrue();
    assertThat(poolSaysSsl(plain.withSsl("disable", null))).isFalse();
  }

  @Test
  void anotherAuthorityIsRefused() {
    DatabaseConfig wrong = plain.withSsl("verify-full", otherCert.toString());
    assertThatThrownBy(() -> poolSaysSsl(wrong)).isNotNull();
    assertThatThrownBy(() -> jdbcSaysSsl(wrong)).isInstanceOf(SQLException.class);
  }

  private static boolean poolSaysSsl(DatabaseConfig config) {
    Pool pool = PgBuilder.pool().connectingTo(Database.connectOptions(config, SCHEMA)).using(vertx).build();
    try {
      return pool.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").execute().await()
          .iterator().next().getBoolean("ssl");
    } finally {
      pool.close().await();
    }
  }

  private static boolean jdbcSaysSsl(DatabaseConfig config) throws SQLException {
    try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
         ResultSet rows = connection.createStatement().executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
      rows.next();
      return rows.getBoolean(1);
    }
  }
}
