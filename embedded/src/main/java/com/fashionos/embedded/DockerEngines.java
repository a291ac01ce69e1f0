package com.fashionos.embedded;

import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.S3Config;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The three engines as Testcontainers containers, for machines with Docker. Testcontainers is an
 * optional dependency: without it this class fails to load, which callers take as "no Docker".
 */
final class DockerEngines {
  private static final String POSTGRES_IMAGE = "postgres:17-alpine";
  /** The broker at the version of the Kafka clients on the class path (the parent pins both). */
  private static final String KAFKA_IMAGE = "apache/kafka:" + AppInfoParser.getVersion();
  private static final String MINIO_IMAGE = "minio/minio:RELEASE.2023-09-04T19-57-37Z";

  private DockerEngines() {}

  static boolean dockerAvailable() {
    // Without Docker, Testcontainers logs every discovery strategy it tried at ERROR; for us that
    // is the normal case (the in-process engines take over), not an error.
    QuietLogging.offOnly("org.testcontainers.dockerclient");
    return DockerClientFactory.instance().isDockerAvailable();
  }

  static TestEngines.Running<DatabaseConfig> postgres() {
    PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE)
        .withUsername(EmbeddedPostgres.USER)
        .withPassword(EmbeddedPostgres.USER)
        .withDatabaseName(EmbeddedPostgres.DATABASE)
        .withCommand("postgres", "-c", "fsync=off", "-c", "wal_level=logical");
    container.start();
    DatabaseConfig config = new DatabaseConfig(container.getHost(), container.getMappedPort(5432),
        EmbeddedPostgres.DATABASE, container.getUsername(), container.getPassword(), EmbeddedPostgres.DEFAULT_POOL_SIZE);
    return new TestEngines.Running<>(config, container::stop);
  }

  static TestEngines.Running<String> kafka() {
    KafkaContainer container = new KafkaContainer(KAFKA_IMAGE)
        .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    container.start();
    return new TestEngines.Running<>(container.getBootstrapServers(), container::stop);
  }

  static TestEngines.Running<S3Config> s3() {
    MinIOContainer container = new MinIOContainer(MINIO_IMAGE)
        .withUserName(DataDirSecrets.random(EmbeddedS3.ACCESS_KEY_BYTES))
        .withPassword(DataDirSecrets.random(EmbeddedS3.SECRET_KEY_BYTES));
    container.start();
    S3Config config = new S3Config(container.getS3URL(), container.getUserName(), container.getPassword(), EmbeddedS3.REGION);
    return new TestEngines.Running<>(config, container::stop);
  }
}
