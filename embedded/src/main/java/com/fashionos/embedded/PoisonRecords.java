package com.fashionos.embedded;

import static com.fashionos.embedded.Eventually.eventually;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.health.Metrics;
import com.fashionos.platform.kafka.KafkaClients;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the poison record tests of every service share: records published straight to a topic
 * (past the API that would refuse them), events-service's record of an event row, and a record
 * found parked as the operator lists it ({@code GET /admin/parked-records}) and as the metric
 * counts it.
 */
public final class PoisonRecords implements AutoCloseable {
  private final KafkaConfig kafka;
  private final KafkaProducer<String, String> producer;

  public PoisonRecords(KafkaConfig kafka) {
    this.kafka = kafka;
    this.producer = new KafkaProducer<>(new HashMap<String, Object>(KafkaClients.clientConfig(kafka)), new StringSerializer(),
        new StringSerializer());
  }

  /** Publishes the record to the topic keyed as the services key it (by its event). */
  public ChangeRecord publish(Topics.Topic topic, ChangeRecord record) {
    send(topic, record.key(), record.toJson().encode());
    return record;
  }

  /** Publishes any bytes at all. */
  public void send(Topics.Topic topic, String key, String value) {
    try {
      producer.send(new ProducerRecord<>(Topics.name(kafka, topic), key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish to " + topic.name(), e);
    }
  }

  /** events-service's record of an event row inserted by {@code actor} (a start date of "infinity" is what it once stored for year 300000). */
  public static ChangeRecord eventRow(UUID eventId, UUID actor, String startDate) {
    JsonObject row = new JsonObject().put("id", eventId.toString()).put("name", "Poison show")
        .put("start_date", startDate).put("status", "planning").put("created_by", actor.toString());
    return ChangeRecord.of("/fashionos/events-service", RowChange.type("events", "events"), null, eventId,
        RowChange.of("events", Operation.INSERT, row, null, actor, Instant.now(), Instant.now()).toJson());
  }

  /** The consumer's parked record, as the service's {@code /admin/parked-records} lists it, once it is there. */
  public static JsonObject parked(TestApi service, String consumer, UUID recordId) {
    return eventually("record " + recordId + " listed as parked by " + consumer, () -> {
      TestApi.Answer answer = service.get("/admin/parked-records?consumer=" + consumer).send();
      if (answer.status() != 200) throw new AssertionError("listing parked records failed: " + answer);
      return answer.json().getJsonArray("parked_records").stream().map(JsonObject.class::cast)
          .filter(p -> recordId.toString().equals(p.getString("record_id"))).findFirst().orElse(null);
    }, parked -> true);
  }

  /** How many records the consumer has parked in this JVM ({@code fashionos_consumer_parked_records_total}). */
  public static double parkedCount(Vertx vertx, String consumer) {
    Counter counter = Metrics.registry(vertx).find("fashionos.consumer.parked.records").tag("consumer", consumer).counter();
    return counter == null ? 0 : counter.count();
  }

  @Override
  public void close() {
    producer.close();
  }
}
