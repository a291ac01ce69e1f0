package com.fashionos.embedded;

import static com.fashionos.embedded.EmbeddedPostgresTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.config.S3Config;
import io.minio.BucketExistsArgs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestEngines.class)
class EmbeddedEnginesTest {

  @Test
  void startsAllThreeWithDataUnderOneDirectory(@TempDir Path dataDir) throws Exception {
    try (EmbeddedEngines engines = EmbeddedEngines.start(dataDir, new Env(Map.of()))) {
      assertThat(query(engines.database(), "SHOW wal_level")).isEqualTo("logical");
      assertThat(engines.kafka().topicPrefix()).isEmpty();
      assertThat(engines.kafka().replicationFactor()).isEqualTo((short) 1);
      assertThat(engines.kafka().partitions()).isEqualTo(3);
      assertThat(EmbeddedS3Test.client(engines.s3()).bucketExists(BucketExistsArgs.builder().bucket("none").build())).isFalse();
    }
    assertThat(dataDir.resolve("postgres")).isDirectory();
    assertThat(dataDir.resolve("kafka/meta.properties")).isRegularFile();
    assertThat(dataDir.resolve("s3")).isDirectory();
  }

  @Test
  void externalEnginesAreUsedInsteadOfStartingOnes(TestEngines.Stack stack, @TempDir Path dataDir) {
    DatabaseConfig db = stack.freshDatabase();
    KafkaConfig kafka = stack.kafka();
    S3Config s3 = stack.s3();
    Env env = new Env(Map.of(
        "DATABASE_URL", "postgres://" + db.user() + "@" + db.host() + ":" + db.port() + "/" + db.database(),
        "DATABASE_POOL_SIZE", "7",
        "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "KAFKA_TOPIC_PREFIX", "staging.",
        "S3_ENDPOINT", s3.endpoint(),
        "S3_ACCESS_KEY", s3.accessKey(),
        "S3_SECRET_KEY", s3.secretKey()));

    try (EmbeddedEngines engines = EmbeddedEngines.start(dataDir, env)) {
      assertThat(engines.database()).isEqualTo(db.withPoolSize(7));
      assertThat(engines.kafka()).isEqualTo(new KafkaConfig(kafka.bootstrapServers(), "staging.", 3, (short) 3));
      assertThat(engines.s3()).isEqualTo(s3);
    }
    assertThat(dataDir).isEmptyDirectory();
  }

  @Test
  void anIncompleteExternalS3StopsWhatWasStarted(TestEngines.Stack stack, @TempDir Path dataDir) {
    Env env = new Env(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers(),
        "S3_ENDPOINT", "http://127.0.0.1:9"));

    assertThatThrownBy(() -> EmbeddedEngines.start(dataDir, env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("S3_ACCESS_KEY");
    // PostgreSQL had started; it must be stopped again, so its data directory can be reused.
    try (EmbeddedPostgres again = EmbeddedPostgres.startPersistent(dataDir)) {
      assertThat(again.config().port()).isPositive();
    }
  }
}
