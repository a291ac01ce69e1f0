package com.fashionos.events;

import com.fashionos.embedded.Eventually;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.config.KafkaConfig;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a change topic from the beginning, as an analytics consumer would. */
final class ChangeRecordReader implements AutoCloseable {
  private final KafkaConsumer<String, String> consumer;
  final List<ConsumerRecord<String, String>> received = new ArrayList<>();

  ChangeRecordReader(KafkaConfig kafka, String topic) {
    Properties props = new Properties();
    props.put("bootstrap.servers", kafka.bootstrapServers());
    props.put("group.id", "test-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    props.put("key.deserializer", StringDeserializer.class.getName());
    props.put("value.deserializer", StringDeserializer.class.getName());
    consumer = new KafkaConsumer<>(props);
    consumer.subscribe(List.of(kafka.topicPrefix() + topic));
  }

  /** Polls until a record matching the condition has arrived (or fails after Eventually's default). */
  ChangeRecord await(Predicate<ChangeRecord> condition) {
    return Eventually.eventually("a matching change record", () -> {
      poll(Duration.ofMillis(200));
      return records().stream().filter(condition).findFirst().orElse(null);
    }, record -> true);
  }

  void poll(Duration duration) {
    consumer.poll(duration).forEach(received::add);
  }

  List<ChangeRecord> records() {
    return received.stream().map(r -> ChangeRecord.fromJson(new JsonObject(r.value()))).toList();
  }

  List<ChangeRecord> recordsOf(String eventId) {
    return received.stream().filter(r -> eventId.equals(r.key()))
        .map(r -> ChangeRecord.fromJson(new JsonObject(r.value()))).toList();
  }

  /** A row change of the event's table whose row has the field at the value. */
  static boolean isRow(ChangeRecord record, String eventId, String table, String field, String value) {
    if (record == null || !RowChange.isRowChange(record.type()) || !String.valueOf(record.eventId()).equals(eventId)) {
      return false;
    }
    RowChange change = RowChange.fromJson(record.data());
    return change.table().equals(table) && value.equals(change.row().getString(field));
  }

  @Override
  public void close() {
    consumer.close();
  }
}
