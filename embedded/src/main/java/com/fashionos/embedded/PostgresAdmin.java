package com.fashionos.embedded;

import com.fashionos.platform.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/** Creates and drops databases on any PostgreSQL server (embedded or external). */
public final class PostgresAdmin {
  /** Unquoted-identifier-safe names only, so they can be used without quoting anywhere. */
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private PostgresAdmin() {}

  /** Creates an empty database {@code name} on {@code server}'s host and returns its config. */
  public static DatabaseConfig createDatabase(DatabaseConfig server, String name) {
    execute(server, "CREATE DATABASE " + checkName(name));
    return server.withDatabase(name);
  }

  /** Drops {@code name} on {@code server}'s host, disconnecting its sessions; absent is fine. */
  public static void dropDatabase(DatabaseConfig server, String name) {
    execute(server, "DROP DATABASE IF EXISTS " + checkName(name) + " WITH (FORCE)");
  }

  private static void execute(DatabaseConfig server, String sql) {
    Properties props = new Properties();
    props.setProperty("user", server.user());
    if (!server.password().isEmpty()) props.setProperty("password", server.password());
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), props);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on " + server + ": " + e.getMessage(), e);
    }
  }

  private static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("database name must match " + NAME + ", got '" + name + "'");
    }
    return name;
  }
}
