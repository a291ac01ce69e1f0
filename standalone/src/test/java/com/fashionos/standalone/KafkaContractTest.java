package com.fashionos.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.EmbeddedKafka;
import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.RawUpload;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.Env;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka contract of docs/asyncapi.yaml holds: a journey through the whole stack publishes
 * every record type, and every record read back from every topic is a documented message whose
 * payload validates against the document's schema. Every documented message must be seen, so the
 * document lists nothing that is not published.
 */
class KafkaContractTest {
  private static final Path ASYNCAPI = Path.of("..", "docs", "asyncapi.yaml");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  static EmbeddedKafka kafka;
  static Standalone standalone;
  static TestApi api;

  @BeforeAll
  static void start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // Kafka of our own, so the test can read every topic the services write.
    kafka = EmbeddedKafka.startPersistent(dataDir.resolve("kafka"));
    standalone = Standalone.start(new Env(Map.of("PORT", Integer.toString(port), "FASHIONOS_DATA_DIR",
        dataDir.toString(), "FASHIONOS_DEMO_DATA", "false", "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "KAFKA_REPLICATION_FACTOR", "1",
        // A quota the one upload passes 80 % of, so the storage warning is published too.
        "STORAGE_QUOTA_BYTES", "28")));
    api = new TestApi("http://localhost:" + port);
  }

  @AfterAll
  static void stop() {
    if (standalone != null) standalone.close();
    if (kafka != null) kafka.close();
  }

  /** One documented message: its channel's topic and its payload schema. */
  private record Message(String topic, String name, JsonSchema schema) {}

  @Test
  void everyRecordOnEveryTopicIsADocumentedMessageAndEveryDocumentedMessageIsPublished() throws Exception {
    Map<String, Map<String, Message>> documented = readContract();
    assertThat(documented.keySet()).as("channels of the contract")
        .containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topics.Topic::name).toList());

    journey();

    Set<String> expected = new TreeSet<>();
    documented.values().forEach(messages -> expected.addAll(messages.keySet()));
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    try (KafkaConsumer<String, String> consumer = consumer()) {
      consumer.subscribe(Topics.ALL.stream().map(Topics.Topic::name).toList());
      Eventually.eventually("every documented message type on Kafka", Duration.ofSeconds(60), () -> {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          records.add(record);
          seen.add(messageName(record));
        }
        return seen;
      }, s -> s.containsAll(expected));
    } finally {
      dump(records);
    }

    List<String> problems = new ArrayList<>();
    for (ConsumerRecord<String, String> record : records) {
      String name = messageName(record);
      Message message = documented.getOrDefault(record.topic(), Map.of()).get(name);
      if (message == null) {
        problems.add(record.topic() + ": undocumented message " + name + ": " + record.value());
        continue;
      }
      JsonNode value = JSON.readTree(record.value());
      for (ValidationMessage error : message.schema().validate(value)) {
        problems.add(record.topic() + " " + name + ": " + error.getMessage() + " in " + record.value());
      }
      problems.addAll(keyProblems(record, value, name));
    }
    assertThat(problems).as("records that break the contract (of %d read)", records.size()).isEmpty();
    assertThat(seen).as("message types published").containsAll(expected);
    theSchemasCatchDrift(documented, records);
  }

  /** A row with a field more, a field less or a field of another type, or an envelope without its event, is refused. */
  private static void theSchemasCatchDrift(Map<String, Map<String, Message>> documented,
      List<ConsumerRecord<String, String>> records) throws Exception {
    ConsumerRecord<String, String> task = records.stream()
        .filter(r -> messageName(r).equals("com.fashionos.tasks.event_tasks.changed.v1"))
        .filter(r -> new JsonObject(r.value()).getJsonObject("data").getJsonObject("new") != null).findFirst().orElseThrow();
    JsonSchema schema = documented.get(task.topic()).get(messageName(task)).schema();
    Map<String, java.util.function.Consumer<ObjectNode>> drifts = new LinkedHashMap<>();
    drifts.put("an undocumented field", record -> ((ObjectNode) record.at("/data/new")).put("surprise", 1));
    drifts.put("a missing field", record -> ((ObjectNode) record.at("/data/new")).remove("status"));
    drifts.put("a retyped field", record -> ((ObjectNode) record.at("/data/new")).put("version", "1"));
    drifts.put("an unknown enum value", record -> ((ObjectNode) record.at("/data/new")).put("status", "paused"));
    drifts.put("a malformed uuid", record -> ((ObjectNode) record.at("/data/new")).put("event_id", "not-a-uuid"));
    drifts.put("no event id", record -> record.remove("fashionoseventid"));
    assertThat(schema.validate(JSON.readTree(task.value()))).as("the record as published").isEmpty();
    for (Map.Entry<String, java.util.function.Consumer<ObjectNode>> drift : drifts.entrySet()) {
      ObjectNode record = (ObjectNode) JSON.readTree(task.value());
      drift.getValue().accept(record);
      assertThat(schema.validate(record)).as(drift.getKey()).isNotEmpty();
    }
  }

  /** The Kafka key is the FashionOS event id (the record's own id for rows of no event). */
  private static List<String> keyProblems(ConsumerRecord<String, String> record, JsonNode value, String name) {
    List<String> problems = new ArrayList<>();
    if (record.topic().equals(Topics.PRESENCE.name())) {
      if (!value.path("event_id").asText().equals(record.key())) problems.add(name + ": key is not the event id");
      return problems;
    }
    String key = value.has("fashionoseventid") ? value.get("fashionoseventid").asText() : value.get("id").asText();
    if (!key.equals(record.key())) problems.add(name + ": key " + record.key() + " is not " + key);
    Header contentType = record.headers().lastHeader("content-type");
    if (contentType == null || !"application/cloudevents+json".equals(new String(contentType.value(), StandardCharsets.UTF_8))) {
      problems.add(name + ": no content-type application/cloudevents+json header");
    }
    return problems;
  }

  /** A CloudEvent's message is named by its type; the presence topic carries one kind of message. */
  private static String messageName(ConsumerRecord<String, String> record) {
    if (record.topic().equals(Topics.PRESENCE.name())) return "presence";
    return new JsonObject(record.value()).getString("type", "(no type)");
  }

  /** Channel address → message name → the payload schema, resolved inside the whole document. */
  private static Map<String, Map<String, Message>> readContract() throws Exception {
    JsonNode document = new YAMLMapper().readTree(ASYNCAPI.toFile());
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    Map<String, Map<String, Message>> channels = new LinkedHashMap<>();
    document.path("channels").properties().forEach(channel -> {
      String topic = channel.getValue().path("address").asText();
      Map<String, Message> messages = new LinkedHashMap<>();
      channel.getValue().path("messages").properties().forEach(entry -> {
        String ref = entry.getValue().path("$ref").asText();
        JsonNode message = document.at(ref.substring(1));
        assertThat(message.isMissingNode()).as("message %s of %s", ref, topic).isFalse();
        // The schema is the whole document with a $ref to this payload, so its own $refs resolve.
        ObjectNode root = document.deepCopy();
        root.put("$ref", ref + "/payload");
        String name = message.path("name").asText();
        messages.put(name, new Message(topic, name, factory.getSchema(root, config)));
      });
      channels.put(topic, messages);
    });
    return channels;
  }

  private static KafkaConsumer<String, String> consumer() {
    Properties settings = new Properties();
    settings.put("bootstrap.servers", kafka.bootstrapServers());
    settings.put("group.id", "kafka-contract-test");
    settings.put("auto.offset.reset", "earliest");
    settings.put("enable.auto.commit", "false");
    return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
  }

  /** What was read, for whoever updates the document. */
  private static void dump(List<ConsumerRecord<String, String>> records) throws Exception {
    JsonArray all = new JsonArray();
    records.forEach(r -> all.add(new JsonObject().put("topic", r.topic()).put("key", r.key())
        .put("value", new JsonObject(r.value()))));
    Files.writeString(Path.of("target", "kafka-contract-records.json"), all.encodePrettily());
  }

  /** Everything a team does that publishes a record of every type. */
  private static void journey() throws Exception {
    JsonObject sarah = signUp("sarah.contract@example.com", "Sarah Chen");
    JsonObject marcus = signUp("marcus.contract@example.com", "Marcus Webb");
    String sarahToken = sarah.getString("access_token");
    String marcusToken = marcus.getString("access_token");
    String marcusId = marcus.getJsonObject("user").getString("id");

    String sponsorId = created(api.post("/api/v1/sponsors").token(sarahToken).json(new JsonObject()
        .put("company_name", "Maison Lumière").put("tier", "gold")).send()).getJsonObject("sponsor").getString("id");
    String designerId = created(api.post("/api/v1/designers").token(sarahToken).json(new JsonObject()
        .put("name", "Aiko Tanaka").put("style_tags", new JsonArray().add("minimal"))).send())
        .getJsonObject("designer").getString("id");
    String venueId = created(api.post("/api/v1/venues").token(sarahToken).json(new JsonObject()
        .put("name", "Hall Nine").put("capacity", 600)).send()).getJsonObject("venue").getString("id");

    String eventId = created(api.post("/api/v1/events").token(sarahToken).json(new JsonObject()
        .put("name", "Contract Showcase").put("type", "runway_show").put("start_date", "2027-09-20T19:00:00Z")
        .put("target_attendees", 400).put("venue_id", venueId)
        .put("sponsor_ids", new JsonArray().add(sponsorId)).put("designer_ids", new JsonArray().add(designerId))
        .put("budget_categories", new JsonArray()
            .add(new JsonObject().put("category", "production").put("budgeted_amount", 75000))
            .add(new JsonObject().put("category", "marketing").put("budgeted_amount", 25000)))
        .put("team_members", new JsonArray().add(new JsonObject().put("user_id", marcusId)
            .put("role", "production_manager").put("permissions", "edit")))).send()).getString("event_id");
    String eventPath = "/api/v1/events/" + eventId;

    // An edit, then an offline edit of the same field made before it: the older one is superseded.
    Instant beforeEdits = Instant.now().minusSeconds(60);
    ok(api.put(eventPath).token(sarahToken).json(new JsonObject().put("name", "Contract Showcase 2027")).send());
    ok(api.put(eventPath).token(sarahToken).header("X-Client-Timestamp", beforeEdits.toString())
        .json(new JsonObject().put("name", "Contract Showcase (offline)")).send());

    Eventually.eventually("the plan generated", Duration.ofSeconds(60),
        () -> api.get(eventPath).token(sarahToken).send().json().getJsonObject("event"),
        e -> "done".equals(e.getJsonObject("tasks_summary").getJsonObject("generation").getString("status")));
    JsonObject task = api.get(eventPath + "/tasks?status=to_do").token(sarahToken).send().json()
        .getJsonArray("tasks").getJsonObject(0);
    String taskPath = eventPath + "/tasks/" + task.getString("id");
    ok(api.put(taskPath).token(marcusToken).json(new JsonObject().put("status", "done")).send());
    ok(api.put(taskPath).token(sarahToken).header("X-Client-Timestamp", beforeEdits.toString())
        .json(new JsonObject().put("status", "in_progress")).send());

    Eventually.eventually("the wizard's budget lines", () -> api.get(eventPath + "/budget").token(sarahToken).send().json(),
        b -> b.getJsonArray("categories") != null && b.getJsonArray("categories").size() == 2);
    String expenseId = created(api.post(eventPath + "/expenses").token(marcusToken).json(new JsonObject()
        .put("category", "production").put("name", "Additional Lights").put("amount", "80000.00")).send())
        .getJsonObject("expense").getString("id");
    ok(api.put(eventPath + "/expenses/" + expenseId).token(marcusToken).json(new JsonObject().put("name", "Lights")).send());
    ok(api.put(eventPath + "/expenses/" + expenseId).token(marcusToken).header("X-Client-Timestamp", beforeEdits.toString())
        .json(new JsonObject().put("name", "Old lights")).send());
    created(api.post(eventPath + "/budget/reallocations").token(sarahToken).json(new JsonObject()
        .put("from", "marketing").put("to", "production").put("amount", "5000.00")).send());

    String fileId = created(upload(sarahToken, eventId)).getJsonObject("file").getString("id");
    created(api.post(eventPath + "/contracts").token(sarahToken).json(new JsonObject()
        .put("contract_type", "venue").put("party_name", "Hall Nine").put("file_id", fileId)
        .put("amount", "12000.00").put("currency", "EUR")).send());

    // Sarah watches the event: the realtime gateway tells the other replicas who is viewing.
    Vertx client = Vertx.vertx();
    try {
      Promise<Void> subscribed = Promise.promise();
      WebSocket socket = client.createWebSocketClient().connect(new WebSocketConnectOptions()
          .setAbsoluteURI(api.baseUrl().replace("http", "ws") + "/realtime/v1")
          .addHeader("Authorization", "Bearer " + sarahToken)).await();
      socket.textMessageHandler(text -> {
        if ("subscribed".equals(new JsonObject(text).getString("type"))) subscribed.tryComplete();
      });
      socket.writeTextMessage(new JsonObject().put("type", "subscribe").put("event_id", eventId).encode()).await();
      subscribed.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      client.close().await();
    }
  }

  private static JsonObject signUp(String email, String name) {
    Answer answer = api.post("/auth/v1/signup").json(new JsonObject().put("email", email).put("password", "runway-2027")
        .put("data", new JsonObject().put("full_name", name))).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    api.get("/api/v1/events").token(answer.json().getString("access_token")).send(); // opened the app: a profile
    return answer.json();
  }

  private static JsonObject created(Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json();
  }

  private static JsonObject ok(Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  private static Answer upload(String token, String eventId) {
    byte[] pdf = "%PDF-1.4\nvenue contract\n".getBytes(StandardCharsets.US_ASCII);
    return RawUpload.whole(standalone.port(), "/api/v1/events/" + eventId + "/files?bucket=event-documents", token,
        "venue-contract.pdf", pdf);
  }
}
