package com.fashionos.bench;

import com.fashionos.embedded.EmbeddedEngines;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.Env;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@link RealtimeBench}'s engines process: the embedded PostgreSQL, Kafka and S3 of standalone
 * mode in a JVM of their own, so that neither the stack's JVM nor the clients' JVM carries the
 * broker. Prints one line {@code ENGINES <json>} with their addresses, then runs until its
 * standard input closes (the bench ending, however it ends) and stops them.
 * Argument: the data directory.
 */
public final class RealtimeEngines {
  private RealtimeEngines() {}

  public static void main(String[] args) throws Exception {
    EmbeddedEngines engines = EmbeddedEngines.start(Path.of(args[0]), new Env(Map.of()));
    DatabaseConfig db = engines.database();
    String url = "postgres://" + encode(db.user()) + ":" + encode(db.password()) + "@" + db.host() + ":" + db.port()
        + "/" + db.database();
    JsonObject addresses = new JsonObject()
        .put("database_url", url)
        .put("jdbc_url", db.jdbcUrl())
        .put("db_user", db.user())
        .put("db_password", db.password())
        .put("kafka", engines.kafka().bootstrapServers())
        .put("s3_endpoint", engines.s3().endpoint())
        .put("s3_access_key", engines.s3().accessKey())
        .put("s3_secret_key", engines.s3().secretKey())
        .put("s3_region", engines.s3().region())
        .put("pid", ProcessHandle.current().pid());
    System.out.println("ENGINES " + addresses.encode());
    System.out.flush();
    try {
      while (System.in.read() >= 0) {
        // Nothing is sent; end of input is the signal to stop.
      }
    } finally {
      engines.close();
    }
    System.exit(0);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
