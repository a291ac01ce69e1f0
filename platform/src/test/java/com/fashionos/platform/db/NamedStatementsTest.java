package com.fashionos.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamedStatementsTest {
  private static final String SQL = """
      -- A file-level comment before the first statement.
      -- name: find_event
      -- Reads one event.
      SELECT id, name
        FROM events
       WHERE id = $1;

      -- name: insert_event
      INSERT INTO events (id, name)
      VALUES ($1, $2)
      -- trailing comment inside the statement
      RETURNING *;
      -- name:   count_events
      SELECT count(*) FROM events
      """;

  @Test
  void splitsStatementsByName() {
    NamedStatements statements = NamedStatements.parse("Test.sql", SQL);
    assertThat(statements.get("find_event")).isEqualTo("SELECT id, name\n  FROM events\n WHERE id = $1");
    assertThat(statements.get("insert_event")).isEqualTo("INSERT INTO events (id, name)\nVALUES ($1, $2)\nRETURNING *");
    assertThat(statements.get("count_events")).isEqualTo("SELECT count(*) FROM events");
  }

  @Test
  void commentsAreSkipped() {
    NamedStatements statements = NamedStatements.parse("Test.sql", SQL);
    assertThat(statements.get("find_event")).doesNotContain("--").doesNotContain("Reads one event");
    assertThat(statements.get("insert_event")).doesNotContain("trailing comment");
  }

  @Test
  void trailingSemicolonIsStrippedButInnerOnesKept() {
    NamedStatements statements = NamedStatements.parse("Test.sql", """
        -- name: quoted
        SELECT ';' AS semi;
        """);
    assertThat(statements.get("quoted")).isEqualTo("SELECT ';' AS semi");
  }

  @Test
  void windowsLineEndingsAreHandled() {
    NamedStatements statements = NamedStatements.parse("Test.sql", "-- name: a\r\nSELECT 1;\r\n-- name: b\r\nSELECT 2\r\n");
    assertThat(statements.get("a")).isEqualTo("SELECT 1");
    assertThat(statements.get("b")).isEqualTo("SELECT 2");
  }

  @Test
  void missingNameIsIllegalStateNamingStatementAndSource() {
    NamedStatements statements = NamedStatements.parse("EventRepository.sql", SQL);
    assertThatThrownBy(() -> statements.get("delete_event"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("delete_event")
        .hasMessageContaining("EventRepository.sql");
  }

  @Test
  void textWithoutNamesHasNoStatements() {
    NamedStatements statements = NamedStatements.parse("Empty.sql", "SELECT 1;\n");
    assertThatThrownBy(() -> statements.get("")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void loadsAResourceBesideTheClass() {
    // Database.sql ships beside Database in the main resources.
    NamedStatements statements = NamedStatements.forClass(Database.class);
    assertThat(statements.get("act_as_user")).startsWith("SELECT set_config('role', $1, true)");
    assertThatThrownBy(() -> NamedStatements.forResource(Database.class, "NoSuch.sql"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NoSuch.sql");
  }
}
