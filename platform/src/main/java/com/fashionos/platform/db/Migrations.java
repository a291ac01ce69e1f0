package com.fashionos.platform.db;

import com.fashionos.platform.config.DatabaseConfig;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * Flyway per schema: platform's shared tables (outbox, processed records, idempotency keys) under
 * their own history table; for services that want it, the membership read model under its own;
 * then the service's {@code db/<schema>/V<n>__*.sql}.
 * Flyway's own lock makes concurrent replicas safe.
 */
public final class Migrations {
  private Migrations() {}

  public static void migrate(DatabaseConfig config, ServiceSchema service) {
    Map<String, String> placeholders = Map.of("schema", service.schema(), "app_role", service.appRole());
    flyway(config, service).table("platform_schema_history").locations("classpath:db/platform")
        .placeholders(placeholders).load().migrate();
    if (service.membershipReadModel()) {
      flyway(config, service).table("membership_schema_history").locations("classpath:db/membership")
          .placeholders(placeholders).baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }
    // The schema is not empty any more (platform tables), so the service history starts at 0.
    flyway(config, service).locations("classpath:db/" + service.schema())
        .placeholders(placeholders).baselineOnMigrate(true).baselineVersion("0").load().migrate();
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DatabaseConfig config,
      ServiceSchema service) {
    return Flyway.configure()
        .dataSource(config.jdbcUrl(), config.user(), config.password())
        .schemas(service.schema())
        .createSchemas(true)
        .cleanDisabled(true);
  }
}
