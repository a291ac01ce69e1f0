package com.fashionos.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.platform.kafka.KafkaClients;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {
  @Test
  void standaloneDefaults() {
    KafkaConfig kafka = KafkaConfig.fromEnv(new Env(Map.of()));
    assertThat(kafka).isEqualTo(new KafkaConfig("localhost:9092", "", 6, (short) 1));
    assertThat(kafka.createTopics()).isTrue();
    assertThat(KafkaClients.clientConfig(kafka))
        .isEqualTo(Map.of("bootstrap.servers", "localhost:9092", "security.protocol", "PLAINTEXT"));
  }

  @Test
  void theChartsSettingsReachEveryClient() {
    String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"s3cret\";";
    KafkaConfig kafka = KafkaConfig.fromEnv(new Env(Map.ofEntries(
        Map.entry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9093"), Map.entry("KAFKA_PARTITIONS", "12"),
        Map.entry("KAFKA_REPLICATION_FACTOR", "3"), Map.entry("KAFKA_MIN_INSYNC_REPLICAS", "2"),
        Map.entry("KAFKA_CREATE_TOPICS", "false"), Map.entry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL"),
        Map.entry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"), Map.entry("KAFKA_SASL_JAAS_CONFIG", jaas),
        Map.entry("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/ca.p12"),
        Map.entry("KAFKA_SSL_TRUSTSTORE_PASSWORD", "tspw"), Map.entry("KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12"))));
    assertThat(kafka.partitions()).isEqualTo(12);
    assertThat(kafka.replicationFactor()).isEqualTo((short) 3);
    assertThat(kafka.minInsyncReplicas()).isEqualTo(2);
    assertThat(kafka.createTopics()).isFalse();
    assertThat(kafka.withCreateTopics(true).createTopics()).isTrue();
    assertThat(KafkaClients.consumerConfig(kafka, "g")).containsAllEntriesOf(Map.of(
        "bootstrap.servers", "kafka:9093", "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
        "sasl.jaas.config", jaas, "ssl.truststore.location", "/etc/kafka/ca.p12",
        "ssl.truststore.password", "tspw"));
    assertThat(KafkaClients.clientConfig(kafka)).containsEntry("ssl.truststore.type", "PKCS12");
    assertThat(KafkaClients.producerConfig(kafka, "p")).containsEntry("sasl.jaas.config", jaas);
    assertThat(kafka.toString()).doesNotContain("s3cret").doesNotContain("tspw");
  }

  @Test
  void saslWithoutCredentialsIsRefused() {
    assertThatThrownBy(() -> KafkaConfig.fromEnv(new Env(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL"))))
        .hasMessageContaining("KAFKA_SASL_JAAS_CONFIG");
  }
}
