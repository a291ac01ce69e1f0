package com.fashionos.files;

import static com.fashionos.files.FilesStack.member;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.files.terms.SampleContract;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.ResourceChange;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The version-2 records of files and contracts, read from Kafka as an analytics consumer reads
 * them: for each operation their {@code new} and {@code old} are exactly what GET answers before
 * and after, less the download links, which GET makes per request (signed for the caller, with an
 * expiry) and which no record carries. The version-1 row records are still published beside them.
 */
@ExtendWith(TestEngines.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FilesChangeRecordsTest {
  /** The fields of a file's answer made per request. */
  private static final List<String> LINK_FIELDS = List.of("download_url", "expires_at");
  private static FilesStack stack;
  private static User sarah;
  private static String eventId;
  private static String eventPath;
  private static KafkaConsumer<String, String> consumer;
  private static final List<ChangeRecord> received = new ArrayList<>();

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new FilesStack(engines, 1024L * 1024 * 1024);
    sarah = stack.users.create("Sarah Chen");
    User marcus = stack.users.create("Marcus Webb");
    stack.signIn(sarah);
    stack.signIn(marcus);
    eventId = stack.createEvent(sarah, member(marcus, "production_manager", "edit"));
    eventPath = "/api/v1/events/" + eventId;
    Properties props = new Properties();
    props.put("bootstrap.servers", stack.kafka.bootstrapServers());
    props.put("group.id", "files-records-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    props.put("key.deserializer", StringDeserializer.class.getName());
    props.put("value.deserializer", StringDeserializer.class.getName());
    consumer = new KafkaConsumer<>(props);
    consumer.subscribe(List.of(Topics.name(stack.kafka, Topics.FILES)));
  }

  @AfterAll
  static void stop() {
    consumer.close();
    stack.close();
  }

  @Test
  void aFilesRecordsAreItsGetWithoutTheLink() {
    for (String[] upload : new String[][] {{"event-images", "look.png"}, {"event-documents", "rider.pdf"}}) {
      byte[] bytes = upload[0].equals("event-images") ? FilesStack.png(2048) : SampleContract.pdf(4096);
      HttpResponse<Buffer> uploaded = stack.upload(sarah, eventId, upload[0], upload[1], "application/octet-stream", bytes);
      assertThat(uploaded.statusCode()).as(uploaded.bodyAsString()).isEqualTo(201);
      String fileId = uploaded.bodyAsJsonObject().getJsonObject("file").getString("id");
      String path = eventPath + "/files/" + fileId;
      JsonObject got = getOk(path).getJsonObject("file");
      assertThat(got.fieldNames()).containsAll(LINK_FIELDS);

      ResourceChange inserted = resourceChange("file", fileId, Operation.INSERT);
      assertThat(inserted.newValue()).as(upload[0]).isEqualTo(withoutLink(got));
      assertThat(inserted.oldValue()).isNull();
      assertThat(inserted.actor()).isEqualTo(sarah.id());
      // The list answers the same file.
      JsonObject listed = getOk(eventPath + "/files").getJsonArray("files").stream().map(JsonObject.class::cast)
          .filter(file -> fileId.equals(file.getString("id"))).findFirst().orElseThrow();
      assertThat(inserted.newValue()).isEqualTo(withoutLink(listed));

      assertThat(stack.files.delete(path).token(sarah.token()).send().status()).isEqualTo(200);
      ResourceChange deleted = resourceChange("file", fileId, Operation.DELETE);
      assertThat(deleted.oldValue()).isEqualTo(withoutLink(got));
      assertThat(deleted.newValue()).isNull();
      assertThat(rowChangeOf("files", fileId, Operation.DELETE)).as("the version-1 record is still published").isNotNull();
    }
  }

  @Test
  void aContractsRecordsAreItsGetWithoutLinksAmountsAsDecimalStrings() {
    byte[] text = "Venue hire terms: deposit 12000 USD, due on signature.\n".getBytes(StandardCharsets.UTF_8);
    String fileId = stack.upload(sarah, eventId, "event-documents", "terms.txt", "text/plain", text)
        .bodyAsJsonObject().getJsonObject("file").getString("id");
    Answer created = stack.files.post(eventPath + "/contracts").token(sarah.token()).json(new JsonObject()
        .put("contract_type", "venue").put("party_name", "Grand Hall Ltd").put("amount", "250000.00").put("currency", "USD")
        .put("file_id", fileId)).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String contractId = created.json().getString("contract_id");
    String path = eventPath + "/contracts/" + contractId;
    JsonObject first = getOk(path).getJsonObject("contract");

    ResourceChange inserted = resourceChange("contract", contractId, Operation.INSERT);
    assertThat(inserted.newValue()).isEqualTo(withoutLinks(first));
    assertThat(inserted.newValue().getValue("amount")).isEqualTo("250000.00");
    assertThat(inserted.oldValue()).isNull();

    Answer updated = stack.files.put(path).token(sarah.token())
        .json(new JsonObject().put("status", "pending_review").put("amount", "262500.50")).send();
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    JsonObject second = getOk(path).getJsonObject("contract");
    ResourceChange changed = resourceChange("contract", contractId, Operation.UPDATE);
    assertThat(changed.oldValue()).isEqualTo(withoutLinks(first));
    assertThat(changed.newValue()).isEqualTo(withoutLinks(second));
    assertThat(changed.newValue().getValue("amount")).isEqualTo("262500.50");
    assertThat(changed.changedFields()).containsExactlyInAnyOrder("status", "amount");
    assertThat(changed.version()).isEqualTo(second.getLong("version"));

    assertThat(stack.files.delete(path).token(sarah.token()).send().status()).isEqualTo(200);
    ResourceChange deleted = resourceChange("contract", contractId, Operation.DELETE);
    assertThat(deleted.oldValue()).isEqualTo(withoutLinks(second));
    assertThat(deleted.newValue()).isNull();
    assertThat(rowChangeOf("contracts", contractId, Operation.DELETE)).as("the version-1 record is still published").isNotNull();
  }

  @Test
  void theKeyTermsArriveAsTheContractsRecordOfNobody() {
    String fileId = stack.upload(sarah, eventId, "event-documents", "sponsor.pdf", "application/pdf", SampleContract.pdf(8192))
        .bodyAsJsonObject().getJsonObject("file").getString("id");
    Answer created = stack.files.post(eventPath + "/contracts").token(sarah.token()).json(new JsonObject()
        .put("contract_type", "sponsor").put("party_name", "Chanel").put("amount", "150000.00").put("file_id", fileId)).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String contractId = created.json().getString("contract_id");
    String path = eventPath + "/contracts/" + contractId;
    // The answer is built as GET builds it; the terms may be in before a GET could be made.
    JsonObject pending = created.json().getJsonObject("contract");
    assertThat(pending.getString("key_terms_status")).isEqualTo("pending");
    JsonObject extracted = Eventually.eventually("the key terms", () -> getOk(path).getJsonObject("contract"),
        contract -> !"pending".equals(contract.getString("key_terms_status")));

    assertThat(resourceChange("contract", contractId, Operation.INSERT).newValue()).isEqualTo(withoutLinks(pending));
    ResourceChange terms = resourceChange("contract", contractId, Operation.UPDATE);
    assertThat(terms.oldValue()).isEqualTo(withoutLinks(pending));
    assertThat(terms.newValue()).isEqualTo(withoutLinks(extracted));
    assertThat(terms.actor()).as("derived").isNull();
    assertThat(terms.changedFields()).containsExactlyInAnyOrder("key_terms", "key_terms_status");
  }

  private static JsonObject getOk(String path) {
    Answer answer = stack.files.get(path).token(sarah.token()).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  /** A file's answer less the link made for this request. */
  private static JsonObject withoutLink(JsonObject file) {
    JsonObject metadata = file.copy();
    LINK_FIELDS.forEach(metadata::remove);
    return metadata;
  }

  /** A contract's answer less its link and its file's. */
  private static JsonObject withoutLinks(JsonObject contract) {
    JsonObject resource = contract.copy();
    resource.remove("download_url");
    JsonObject file = resource.getJsonObject("file");
    return file == null ? resource : resource.put("file", withoutLink(file));
  }

  /** The event's version-2 record of the resource with this id and operation, once it arrived. */
  private static ResourceChange resourceChange(String resource, String id, Operation operation) {
    ChangeRecord record = arrived(r -> r.type().equals(new ResourceChange.Kind("files", resource).type())
        && r.subject().equals(resource + "/" + id) && ResourceChange.fromJson(r.data()).operation() == operation);
    return ResourceChange.fromJson(record.data());
  }

  private static RowChange rowChangeOf(String table, String id, Operation operation) {
    return RowChange.fromJson(arrived(r -> r.type().equals(RowChange.type("files", table))
        && r.subject().equals(table + "/" + id) && RowChange.fromJson(r.data()).operation() == operation).data());
  }

  private static synchronized ChangeRecord arrived(java.util.function.Predicate<ChangeRecord> wanted) {
    return Eventually.eventually("a matching record on " + Topics.FILES.name(), Duration.ofSeconds(30), () -> {
      consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(ChangeRecord.fromJson(new JsonObject(r.value()))));
      return received.stream().filter(r -> eventId.equals(String.valueOf(r.eventId()))).filter(wanted).findFirst().orElse(null);
    }, record -> record != null);
  }
}
