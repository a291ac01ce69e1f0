package com.fashionos.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.platform.config.DatabaseConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

  @Test
  void persistentServerKeepsRowsAcrossRestarts(@TempDir Path dataDir) throws SQLException {
    try (EmbeddedPostgres pg = EmbeddedPostgres.startPersistent(dataDir)) {
      execute(pg.config(), "CREATE TABLE kept (id int PRIMARY KEY, name text)");
      execute(pg.config(), "INSERT INTO kept VALUES (1, 'first start')");
      assertThat(query(pg.config(), "SHOW wal_level")).isEqualTo("logical");
      assertThat(query(pg.config(), "SHOW fsync")).isEqualTo("on");
    }
    assertThat(dataDir.resolve("postgres/PG_VERSION")).content().startsWith("17");

    try (EmbeddedPostgres pg = EmbeddedPostgres.startPersistent(dataDir)) {
      assertThat(query(pg.config(), "SELECT name FROM kept WHERE id = 1")).isEqualTo("first start");
    }
  }

  @Test
  void transientServerCreatesDatabases() throws SQLException {
    try (EmbeddedPostgres pg = EmbeddedPostgres.startTransient()) {
      assertThat(pg.config().user()).isEqualTo("postgres");
      assertThat(pg.config().database()).isEqualTo("postgres");
      assertThat(query(pg.config(), "SHOW wal_level")).isEqualTo("logical");

      DatabaseConfig created = pg.createDatabase("orders_test");
      assertThat(created.database()).isEqualTo("orders_test");
      assertThat(created.port()).isEqualTo(pg.config().port());
      assertThat(query(created, "SELECT current_database()")).isEqualTo("orders_test");
    }
  }

  static void execute(DatabaseConfig db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static String query(DatabaseConfig db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as("a row from %s", sql).isTrue();
      return rs.getString(1);
    }
  }
}
