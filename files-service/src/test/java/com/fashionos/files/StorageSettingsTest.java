package com.fashionos.files;

import static com.fashionos.files.FilesStack.member;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.platform.change.Topics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The event's media setting and its storage quota, on a stack with a 10 KB quota. */
@ExtendWith(TestEngines.class)
class StorageSettingsTest {
  private static final long QUOTA = 10_000;
  private static FilesStack stack;
  private static User sarah;
  private static User marcus;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new FilesStack(engines, QUOTA);
    sarah = stack.users.create("Sarah Chen");
    marcus = stack.users.create("Marcus Webb");
    stack.signIn(sarah);
    stack.signIn(marcus);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void mediaArePrivateUntilTheLeadMakesThemPublic() {
    String eventId = stack.createEvent(sarah, member(marcus, "production_manager", "edit"));
    JsonObject before = stack.upload(marcus, eventId, "event-media", "backstage.png", "image/png", png(500))
        .bodyAsJsonObject().getJsonObject("file");
    assertThat(before.getBoolean("public")).isFalse();
    assertThat(before.getString("expires_at")).isNotNull();

    assertThat(stack.files.put("/api/v1/events/" + eventId + "/files/settings").token(marcus.token())
        .json(new JsonObject().put("media_public", true)).send().status()).isEqualTo(403);
    assertThat(stack.files.put("/api/v1/events/" + eventId + "/files/settings").token(sarah.token())
        .json(new JsonObject().put("media_public", true)).send().status()).isEqualTo(200);
    JsonObject after = stack.upload(marcus, eventId, "event-media", "runway.png", "image/png", png(500))
        .bodyAsJsonObject().getJsonObject("file");
    assertThat(after.getBoolean("public")).isTrue();
    // Served to anyone by files-service itself (the URL's host is the gateway's in production).
    HttpResponse<Buffer> open = stack.fetch("http://localhost:" + stack.filesPort + "/public/v1/files/" + after.getString("id"));
    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(open.getHeader("Content-Type")).isEqualTo("image/png");
    // The private one is not reachable there.
    assertThat(stack.fetch("http://localhost:" + stack.filesPort + "/public/v1/files/" + before.getString("id")).statusCode())
        .isEqualTo(404);
  }

  @Test
  void crossingEightyPercentOfTheQuotaWarnsOnce() {
    String eventId = stack.createEvent(sarah);
    assertThat(stack.upload(sarah, eventId, "event-images", "a.png", "image/png", png(7_000)).statusCode()).isEqualTo(201);
    assertThat(warnings(eventId)).isEmpty();
    assertThat(stack.upload(sarah, eventId, "event-images", "b.png", "image/png", png(1_500)).statusCode()).isEqualTo(201);
    assertThat(stack.upload(sarah, eventId, "event-images", "c.png", "image/png", png(500)).statusCode()).isEqualTo(201);
    List<JsonObject> warned = awaitWarnings(eventId, 1);
    assertThat(warned).hasSize(1);
    JsonObject usage = warned.get(0).getJsonObject("data").getJsonObject("new");
    assertThat(usage.getLong("used_bytes")).isEqualTo(8_500);
    assertThat(usage.getLong("quota_bytes")).isEqualTo(QUOTA);
    assertThat(usage.getInteger("used_percentage")).isEqualTo(85);
  }

  private static List<JsonObject> awaitWarnings(String eventId, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    List<JsonObject> found;
    do {
      found = warnings(eventId);
    } while (found.size() < count && System.nanoTime() < deadline);
    // A little longer: a second warning for the same crossing would be a bug.
    return found.size() < count ? found : warnings(eventId);
  }

  /** The storage_usage records of the event on the files topic. */
  private static List<JsonObject> warnings(String eventId) {
    List<JsonObject> found = new ArrayList<>();
    String topic = Topics.name(stack.kafka, Topics.FILES);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
        stack.kafka.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          JsonObject change = new JsonObject(record.value());
          if (eventId.equals(record.key()) && change.getString("type").endsWith(".storage_usage.changed.v1")) found.add(change);
        }
      }
    }
    return found;
  }

  private static byte[] png(int size) {
    return Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'}, size);
  }
}
