package com.fashionos.embedded;

import static com.fashionos.embedded.EmbeddedPostgresTest.execute;
import static com.fashionos.embedded.EmbeddedPostgresTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.KafkaConfig;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestEngines.class)
class TestEnginesTest {
  private static DatabaseConfig database;

  @BeforeAll
  static void setUp(TestEngines.Stack stack) throws Exception {
    database = stack.freshDatabase();
    execute(database, "CREATE TABLE mine (id int)");
  }

  @Test
  void everyFreshDatabaseIsEmptyAndNamedAfterTheTestClass(TestEngines.Stack stack) throws Exception {
    DatabaseConfig other = stack.freshDatabase();

    assertThat(other.database()).startsWith("t_testenginestest_").isNotEqualTo(database.database());
    assertThat(query(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'mine'")).isEqualTo("1");
    assertThat(query(other, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("0");
    // The embedded server is ours to configure; an external one (TEST_DATABASE_URL) is as it is.
    if (System.getenv("TEST_DATABASE_URL") == null) assertThat(query(other, "SHOW wal_level")).isEqualTo("logical");
  }

  @Test
  void everyKafkaConfigHasItsOwnTopicPrefix(TestEngines.Stack stack) throws Exception {
    KafkaConfig first = stack.kafka();
    KafkaConfig second = stack.kafka();

    assertThat(first.topicPrefix()).matches("t\\d+\\.").isNotEqualTo(second.topicPrefix());
    assertThat(first.bootstrapServers()).isEqualTo(second.bootstrapServers());
    assertThat(first.partitions()).isEqualTo(3);
    assertThat(first.replicationFactor()).isEqualTo((short) 1);
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", first.bootstrapServers()))) {
      String topic = first.topicPrefix() + "fashionos.events.v1";
      admin.createTopics(Set.of(new NewTopic(topic, first.partitions(), first.replicationFactor()))).all().get();
      assertThat(admin.listTopics().names().get()).contains(topic);
    }
  }

  @Test
  void s3IsShared(TestEngines.Stack stack) throws Exception {
    MinioClient minio = EmbeddedS3Test.client(stack.s3());
    minio.makeBucket(MakeBucketArgs.builder().bucket("test-engines").build());
    assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket("test-engines").build())).isTrue();
  }
}
