package com.fashionos.platform.db;

import com.fashionos.platform.config.DatabaseConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway per schema: platform's shared tables (outbox, processed records, idempotency keys) under
 * their own history table; for services that want it, the membership read model under its own;
 * then the service's {@code db/<schema>/V<n>__*.sql}.
 * Flyway's own lock makes concurrent replicas safe.
 *
 * <p>With a runtime user configured, every migrate ends by granting it data access only
 * ({@code db/runtime-user/afterMigrate__runtime_user.sql}), so replicas can run as a user that
 * cannot change the schema and only {@link #verify} it.
 */
public final class Migrations {
  private Migrations() {}

  /** Migrates the schema as the configured (owner) user, then grants the runtime user if there is one. */
  public static void migrate(DatabaseConfig config, ServiceSchema service) {
    for (History history : histories(service)) {
      FluentConfiguration flyway = history.configure(config, service);
      if (history.last() && config.runtimeUser() != null) {
        // After the last history, when every table of the schema exists.
        flyway.locations(history.location(), "classpath:db/runtime-user");
      }
      flyway.load().migrate();
    }
  }

  /**
   * Checks, without changing anything, that every history is at this build's latest version.
   *
   * @throws IllegalStateException naming the schema, its version and the one needed
   */
  public static void verify(DatabaseConfig config, ServiceSchema service) {
    for (History history : histories(service)) {
      MigrationInfoService info = history.configure(config, service).load().info();
      MigrationInfo[] pending = info.pending();
      if (pending.length == 0) continue;
      MigrationInfo current = info.current();
      throw new IllegalStateException("schema " + service.schema() + history.label() + " is at version "
          + (current == null ? "none" : current.getVersion()) + ", this build needs "
          + pending[pending.length - 1].getVersion() + ": run the migrate job");
    }
  }

  private static List<History> histories(ServiceSchema service) {
    // The schema is not empty any more after the platform tables, so later histories start at 0.
    History platform = new History("platform_schema_history", "classpath:db/platform", false, false);
    History membership = new History("membership_schema_history", "classpath:db/membership", true, false);
    History own = new History(null, "classpath:db/" + service.schema(), true, true);
    return service.membershipReadModel() ? List.of(platform, membership, own) : List.of(platform, own);
  }

  /** One Flyway history in the schema: its table (null: Flyway's default) and migrations. */
  private record History(String table, String location, boolean baseline, boolean last) {
    String label() {
      return table == null ? "" : " (" + table + ")";
    }

    FluentConfiguration configure(DatabaseConfig config, ServiceSchema service) {
      Map<String, String> placeholders = new HashMap<>(Map.of("schema", service.schema(), "app_role", service.appRole()));
      if (config.runtimeUser() != null) placeholders.put("runtime_user", config.runtimeUser());
      FluentConfiguration flyway = Flyway.configure()
          .dataSource(config.jdbcUrl(), config.user(), config.password())
          .schemas(service.schema())
          .createSchemas(true)
          .cleanDisabled(true)
          .locations(location)
          .placeholders(placeholders);
      if (table != null) flyway.table(table);
      if (baseline) flyway.baselineOnMigrate(true).baselineVersion("0");
      return flyway;
    }
  }
}
