package com.fashionos.platform.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Where a service's PostgreSQL lives. Each service uses its own schema inside this database. */
public record DatabaseConfig(String host, int port, String database, String user, String password, int poolSize) {

  /** DATABASE_URL (default a local PostgreSQL's {@code fashionos}) and DATABASE_POOL_SIZE (10). */
  public static DatabaseConfig fromEnv(Env env) {
    return fromUrl(env.get("DATABASE_URL", "postgres://postgres@localhost:5432/fashionos"), env.getInt("DATABASE_POOL_SIZE", 10));
  }

  /**
   * Parses {@code postgres://user:pass@host:port/db}, {@code postgresql://...} or
   * {@code jdbc:postgresql://host:port/db?user=..&password=..}.
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
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv.length == 2 && kv[0].equals("user")) user = decode(kv[1]);
        if (kv.length == 2 && kv[0].equals("password")) password = decode(kv[1]);
      }
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    return new DatabaseConfig(
        host == null ? "localhost" : host,
        port < 0 ? 5432 : port,
        path.isEmpty() ? "postgres" : path,
        user,
        password,
        poolSize);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public DatabaseConfig withDatabase(String otherDatabase) {
    return new DatabaseConfig(host, port, otherDatabase, user, password, poolSize);
  }

  public DatabaseConfig withPoolSize(int size) {
    return new DatabaseConfig(host, port, database, user, password, size);
  }

  @Override
  public String toString() {
    return "DatabaseConfig[" + user + "@" + host + ":" + port + "/" + database + ", pool=" + poolSize + "]";
  }
}
