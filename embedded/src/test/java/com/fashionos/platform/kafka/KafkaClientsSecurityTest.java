package com.fashionos.platform.kafka;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.embedded.EmbeddedKafka;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.config.KafkaSecurity;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one client configuration every producer, consumer and admin client starts from carries the
 * security settings: against a broker that asks for SASL PLAIN, the right password gets topics
 * made, records written and read, a wrong one is refused. And topics: made with the configured
 * min.insync.replicas, or with topic creation off only checked, naming the one missing.
 */
class KafkaClientsSecurityTest {
  private static final EmbeddedKafka.SaslUser USER = new EmbeddedKafka.SaslUser("fashionos", "runway-secret");
  private static EmbeddedKafka node;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    node = EmbeddedKafka.startTransientWithSasl(USER);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) vertx.close().await();
    if (node != null) node.close();
  }

  private static KafkaConfig sasl(String prefix, String password) {
    return new KafkaConfig(node.saslBootstrapServers(), prefix, 2, (short) 1).withSecurity(KafkaSecurity.saslPlaintext(
        "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER.name()
            + "\" password=\"" + password + "\";"));
  }

  @Test
  void theRightPasswordMakesTopicsWritesAndReads() {
    KafkaConfig kafka = sasl("sasl.", USER.password());
    KafkaClients.ensureTopics(vertx, kafka).await();
    String topic = Topics.name(kafka, Topics.EVENTS);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(objects(KafkaClients.producerConfig(kafka, "sasl-test")));
         KafkaConsumer<String, String> consumer = new KafkaConsumer<>(objects(KafkaClients.consumerConfig(kafka, "sasl-test")))) {
      producer.send(new ProducerRecord<>(topic, "key", "authenticated")).get();
      consumer.subscribe(List.of(topic));
      List<String> seen = new ArrayList<>();
      eventually("the record read back over SASL", () -> {
        consumer.poll(Duration.ofMillis(200)).forEach((ConsumerRecord<String, String> r) -> seen.add(r.value()));
        assertThat(seen).containsExactly("authenticated");
      });
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aWrongPasswordIsRefused() {
    assertThatThrownBy(() -> KafkaClients.ensureTopics(vertx, sasl("wrong.", "not-the-password")).await())
        .hasRootCauseInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void topicsAreMadeWithMinInsyncReplicasOrOnlyChecked() throws Exception {
    KafkaConfig plain = new KafkaConfig(node.bootstrapServers(), "isr.", 2, (short) 1, 2, false, KafkaSecurity.PLAINTEXT);
    assertThatThrownBy(() -> KafkaClients.ensureTopics(vertx, plain).await())
        .hasMessage("Kafka topic isr.fashionos.events.v1 does not exist: run the create-topics job");

    KafkaClients.ensureTopics(vertx, plain.withCreateTopics(true)).await();
    KafkaClients.ensureTopics(vertx, plain).await();
    try (Admin admin = Admin.create(objects(KafkaClients.clientConfig(plain)))) {
      ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, Topics.name(plain, Topics.EVENTS));
      assertThat(admin.describeConfigs(Set.of(events)).all().get().get(events).get("min.insync.replicas").value())
          .isEqualTo("2");
    }
  }

  private static Map<String, Object> objects(Map<String, String> settings) {
    return new HashMap<>(settings);
  }
}
