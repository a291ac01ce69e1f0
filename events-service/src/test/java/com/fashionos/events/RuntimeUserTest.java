package com.fashionos.events;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.db.Migrations;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Production's split, with the users docs/operations.md asks for: a migrate run as an owner that
 * has CREATEROLE and CREATE on the database (no superuser) grants a runtime user data access
 * only; events-service then runs as that user with DATABASE_MIGRATE=false. The user is an
 * ordinary login (no CREATEROLE, no CREATE anywhere), yet requests, consumers and the outbox relay
 * work, and it cannot change the schema.
 */
@ExtendWith(TestEngines.class)
class RuntimeUserTest {
  private static final String PASSWORD = "runtime-pw";
  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  private static final String OWNER = "fos_owner_" + SUFFIX;
  private static final String RUNTIME = "fos_runtime_" + SUFFIX;
  private static DatabaseConfig superuser;
  private static DatabaseConfig owner;
  private static KafkaConfig kafka;
  private static Vertx vertx;
  private static boolean created;

  @BeforeAll
  static void createRuntimeUser(TestEngines.Stack stack) throws SQLException {
    superuser = stack.freshDatabase().withPoolSize(4);
    kafka = stack.kafka();
    execute(superuser, "CREATE ROLE " + OWNER + " LOGIN CREATEROLE PASSWORD '" + PASSWORD + "';"
        + "GRANT CREATE ON DATABASE " + superuser.database() + " TO " + OWNER + ";"
        + "CREATE ROLE " + RUNTIME + " LOGIN NOCREATEROLE NOCREATEDB PASSWORD '" + PASSWORD + "'");
    created = true;
    owner = superuser.withLogin(OWNER, PASSWORD);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void dropRuntimeUser() throws SQLException {
    if (vertx != null) vertx.close().await();
    if (created) {
      execute(superuser, "DROP OWNED BY " + RUNTIME + ", " + OWNER + "; DROP ROLE " + RUNTIME + "; DROP ROLE " + OWNER);
    }
  }

  @Test
  void theServiceRunsAsADmlOnlyUserOnceTheOwnerMigrated() throws SQLException {
    DatabaseConfig runtime = owner.withLogin(RUNTIME, PASSWORD).withMigrate(false);

    // Before the migrate job ran, a replica refuses to start, saying why in one line.
    assertThatThrownBy(() -> vertx.deployVerticle(verticle(runtime)).await())
        .hasMessage("schema events (platform_schema_history) is at version none, this build needs 5: run the migrate job");

    Migrations.migrate(owner.withRuntimeUser(RUNTIME), EventsServiceVerticle.SCHEMA);

    EventsServiceVerticle verticle = verticle(runtime);
    vertx.deployVerticle(verticle).await();
    TestApi api = new TestApi("http://localhost:" + verticle.port());
    TestUsers.User planner = new TestUsers(vertx).create("Runtime Planner");
    TestApi.Answer created = api.post("/api/v1/events").token(planner.token()).header("Idempotency-Key", "runtime-1")
        .json(EventsServiceUnderTest.newEvent("Least privilege show")).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String eventId = created.json().getString("event_id");
    TestApi.Answer read = api.get("/api/v1/events/" + eventId).token(planner.token()).send();
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    assertThat(read.json().getJsonObject("event").getString("name")).isEqualTo("Least privilege show");
    // The outbox relay, running as the runtime user too, published and deleted the change records.
    eventually("outbox drained", () -> assertThat(count(superuser, "SELECT count(*) FROM events.outbox")).isZero());

    for (String ddl : new String[] {
        "CREATE TABLE events.intruder (id int)",
        "CREATE SCHEMA intruder",
        "ALTER TABLE events.outbox ADD COLUMN extra int",
        "DROP TABLE events.processed_records",
        "INSERT INTO events.platform_schema_history (installed_rank, version, description, type, script, "
            + "installed_by, execution_time, success) VALUES (99, '99', 'x', 'SQL', 'x', 'x', 0, true)"}) {
      assertThatThrownBy(() -> execute(runtime, ddl)).as(ddl)
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isIn("42501"));
    }
  }

  private static EventsServiceVerticle verticle(DatabaseConfig database) {
    return new EventsServiceVerticle(new ServiceConfig(0, database, kafka, new AuthConfig(TestUsers.SECRET, null)));
  }

  private static void execute(DatabaseConfig db, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static long count(DatabaseConfig db, String sql) {
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
