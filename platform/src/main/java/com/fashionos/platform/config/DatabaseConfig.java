package com.fashionos.platform.config;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a service's PostgreSQL lives. Each service uses its own schema inside this database.
 *
 * @param sslMode libpq's sslmode: disable, allow, prefer (default), require, verify-ca, verify-full
 * @param sslRootCert a PEM file with the certificate authorities the server's certificate is checked
 *     against (null: verify-ca and verify-full use the JVM's trust store)
 * @param runtimeUser the login role replicas run as, granted DML only when migrations run (null: none)
 * @param migrate whether this process migrates the schema at start (standalone, the migrate Job) or
 *     only checks that someone did (Deployments whose user may not change the schema)
 */
public record DatabaseConfig(String host, int port, String database, String user, String password, int poolSize,
    String sslMode, String sslRootCert, String runtimeUser, boolean migrate) {
  public static final String DEFAULT_SSL_MODE = "prefer";
  // A role name the grants can quote; no quotes or spaces.
  private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,63}");
  private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  public DatabaseConfig {
    if (!SSL_MODES.contains(sslMode)) {
      throw new IllegalArgumentException("sslmode must be one of " + SSL_MODES + ", got '" + sslMode + "'");
    }
    if (runtimeUser != null && !ROLE_NAME.matcher(runtimeUser).matches()) {
      throw new IllegalArgumentException("DATABASE_RUNTIME_USER must match " + ROLE_NAME + ", got '" + runtimeUser + "'");
    }
  }

  /** No TLS settings, no runtime user, migrating at start: what standalone and tests use. */
  public DatabaseConfig(String host, int port, String database, String user, String password, int poolSize) {
    this(host, port, database, user, password, poolSize, DEFAULT_SSL_MODE, null, null, true);
  }

  /**
   * DATABASE_URL (default a local PostgreSQL's {@code fashionos}), DATABASE_POOL_SIZE (10),
   * DATABASE_SSLMODE and DATABASE_SSLROOTCERT (over the URL's {@code sslmode} and
   * {@code sslrootcert}), DATABASE_RUNTIME_USER and DATABASE_MIGRATE (true).
   */
  public static DatabaseConfig fromEnv(Env env) {
    DatabaseConfig url = fromUrl(env.get("DATABASE_URL", "postgres://postgres@localhost:5432/fashionos"),
        env.getInt("DATABASE_POOL_SIZE", 10));
    return new DatabaseConfig(url.host, url.port, url.database, url.user, url.password, url.poolSize,
        env.get("DATABASE_SSLMODE", url.sslMode), env.optional("DATABASE_SSLROOTCERT").orElse(url.sslRootCert),
        env.optional("DATABASE_RUNTIME_USER").orElse(null), env.getBoolean("DATABASE_MIGRATE", true));
  }

  /**
   * Parses {@code postgres://user:pass@host:port/db?sslmode=..&sslrootcert=..}, {@code postgresql://...}
   * or {@code jdbc:postgresql://host:port/db?user=..&password=..}.
   */
  public static DatabaseConfig fromUrl(String url, int poolSize) {
    String raw = url.startsWith("jdbc:") ? url.substring(5) : url;
    URI uri = URI.create(raw.replaceFirst("^postgres(ql)?://", "http://"));
    String userInfo = uri.getRawUserInfo();
    String host = uri.getHost();
    int port = uri.getPort();
    if (host == null && uri.getRawAuthority() != null) {
      // java.net.URI takes no host name with '_' (Docker service names); split the authority ourselves.
      String authority = uri.getRawAuthority();
      int at = authority.lastIndexOf('@');
      userInfo = at < 0 ? null : authority.substring(0, at);
      String hostPort = authority.substring(at + 1);
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      port = colon < 0 ? -1 : Integer.parseInt(hostPort.substring(colon + 1));
      if (host.isEmpty()) host = null;
    }
    String user = "postgres";
    String password = "";
    if (userInfo != null) {
      // Only percent-encoding applies in user info: a '+' is a '+', not a space.
      String[] parts = userInfo.replace("+", "%2B").split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    String sslMode = DEFAULT_SSL_MODE;
    String sslRootCert = null;
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv.length != 2) continue;
        switch (kv[0]) {
          case "user" -> user = decode(kv[1]);
          case "password" -> password = decode(kv[1]);
          case "sslmode" -> sslMode = decode(kv[1]);
          case "sslrootcert" -> sslRootCert = decode(kv[1]);
          default -> { }
        }
      }
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    return new DatabaseConfig(
        host == null ? "localhost" : host,
        port < 0 ? 5432 : port,
        path.isEmpty() ? "postgres" : path,
        user,
        password,
        poolSize,
        sslMode,
        sslRootCert,
        null,
        true);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The JDBC URL (Flyway's), with the same TLS settings as the pool; no credentials. */
  public String jdbcUrl() {
    StringBuilder url = new StringBuilder("jdbc:postgresql://" + host + ":" + port + "/" + database);
    if (!sslMode.equals(DEFAULT_SSL_MODE) || sslRootCert != null) {
      url.append("?sslmode=").append(sslMode);
      if (sslRootCert != null) url.append("&sslrootcert=").append(URLEncoder.encode(sslRootCert, StandardCharsets.UTF_8));
    }
    return url.toString();
  }

  public DatabaseConfig withDatabase(String otherDatabase) {
    return new DatabaseConfig(host, port, otherDatabase, user, password, poolSize, sslMode, sslRootCert, runtimeUser, migrate);
  }

  public DatabaseConfig withPoolSize(int size) {
    return new DatabaseConfig(host, port, database, user, password, size, sslMode, sslRootCert, runtimeUser, migrate);
  }

  /** The same database reached as another login (the runtime user beside the owner, say). */
  public DatabaseConfig withLogin(String otherUser, String otherPassword) {
    return new DatabaseConfig(host, port, database, otherUser, otherPassword, poolSize, sslMode, sslRootCert, runtimeUser, migrate);
  }

  public DatabaseConfig withRuntimeUser(String user) {
    return new DatabaseConfig(host, port, database, this.user, password, poolSize, sslMode, sslRootCert, user, migrate);
  }

  public DatabaseConfig withMigrate(boolean migrateAtStart) {
    return new DatabaseConfig(host, port, database, user, password, poolSize, sslMode, sslRootCert, runtimeUser, migrateAtStart);
  }

  public DatabaseConfig withSsl(String mode, String rootCert) {
    return new DatabaseConfig(host, port, database, user, password, poolSize, mode, rootCert, runtimeUser, migrate);
  }

  @Override
  public String toString() {
    return "DatabaseConfig[" + user + "@" + host + ":" + port + "/" + database + ", pool=" + poolSize
        + ", sslmode=" + sslMode + (sslRootCert == null ? "" : ", sslrootcert=" + sslRootCert)
        + (runtimeUser == null ? "" : ", runtimeUser=" + runtimeUser) + ", migrate=" + migrate + "]";
  }
}
