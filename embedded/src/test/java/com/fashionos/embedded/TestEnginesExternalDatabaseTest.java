package com.fashionos.embedded;

import static com.fashionos.embedded.EmbeddedPostgresTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TEST_DATABASE_URL: fresh databases live on that server and are dropped when the run ends. */
class TestEnginesExternalDatabaseTest {

  @Test
  void freshDatabasesAreCreatedOnTheExternalServerAndDroppedAtTheEnd() throws Exception {
    try (EmbeddedPostgres external = EmbeddedPostgres.startTransient()) {
      DatabaseConfig server = external.config();
      String url = "postgres://postgres@127.0.0.1:" + server.port() + "/postgres";

      DatabaseConfig fresh;
      try (TestEngines.Engines engines = new TestEngines.Engines(new Env(Map.of("TEST_DATABASE_URL", url)))) {
        fresh = engines.freshDatabase(getClass());
        assertThat(fresh.port()).isEqualTo(server.port());
        assertThat(fresh.database()).startsWith("t_testenginesexternaldatabasetest_");
        assertThat(query(fresh, "SELECT current_database()")).isEqualTo(fresh.database());
      }

      assertThat(query(server, "SELECT count(*) FROM pg_database WHERE datname = '" + fresh.database() + "'")).isEqualTo("0");
    }
  }
}
