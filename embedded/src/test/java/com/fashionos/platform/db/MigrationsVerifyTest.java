package com.fashionos.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.embedded.TestEngines;
import com.fashionos.platform.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A replica that may not migrate checks every history of its schema, the membership read
 * model's included, and the runtime user it runs as can read them (and nothing more of them).
 */
@ExtendWith(TestEngines.class)
class MigrationsVerifyTest {
  private static final ServiceSchema SCHEMA = new ServiceSchema("verifying", null).withMembershipReadModel();

  @Test
  void verifyNamesTheHistoryThatIsBehindAndPassesOnceMigrated(TestEngines.Stack stack) throws SQLException {
    DatabaseConfig owner = stack.freshDatabase();
    String runtime = "fos_verify_" + UUID.randomUUID().toString().substring(0, 8);
    execute(owner, "CREATE ROLE " + runtime + " LOGIN");
    try {
      DatabaseConfig asRuntime = owner.withLogin(runtime, "").withMigrate(false);
      assertThatThrownBy(() -> Migrations.verify(asRuntime, SCHEMA))
          .hasMessage("schema verifying (platform_schema_history) is at version none, this build needs 5: run the migrate job");

      Migrations.migrate(owner.withRuntimeUser(runtime), SCHEMA);
      assertThatCode(() -> Migrations.verify(asRuntime, SCHEMA)).doesNotThrowAnyException();

      execute(owner, "DELETE FROM verifying.membership_schema_history WHERE version = '1'");
      assertThatThrownBy(() -> Migrations.verify(asRuntime, SCHEMA))
          .hasMessage("schema verifying (membership_schema_history) is at version 0, this build needs 1: run the migrate job");
      assertThat(privileges(owner, runtime, "verifying.membership_schema_history")).isEqualTo("SELECT");
      assertThat(privileges(owner, runtime, "verifying.event_members")).isEqualTo("DELETE,INSERT,SELECT,UPDATE");
    } finally {
      execute(owner, "DROP OWNED BY " + runtime + "; DROP ROLE " + runtime);
    }
  }

  private static String privileges(DatabaseConfig db, String role, String table) throws SQLException {
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT string_agg(privilege_type, ',' ORDER BY privilege_type)"
             + " FROM information_schema.role_table_grants WHERE grantee = '" + role + "'"
             + " AND table_schema || '.' || table_name = '" + table + "'")) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static void execute(DatabaseConfig db, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
