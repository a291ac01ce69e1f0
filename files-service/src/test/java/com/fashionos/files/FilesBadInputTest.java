package com.fashionos.files;

import static com.fashionos.files.FilesStack.answer;
import static com.fashionos.files.FilesStack.member;
import static com.fashionos.files.FilesStack.png;
import static com.fashionos.files.FilesStack.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.multipart.MultipartForm;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What files-service answers to bad uploads, bad file and link requests and bad contracts, and
 * the contract's life one status at a time; each refusal leaves the rows and the buckets as they
 * were.
 */
@ExtendWith(TestEngines.class)
class FilesBadInputTest {
  private static final byte[] TEXT = "Run of show\nDoors open 19:00\nFirst look 19:30\nFinale 20:15\n"
      .getBytes(StandardCharsets.US_ASCII);
  private static final List<String> STATUSES = List.of("draft", "pending_review", "pending_signature", "signed", "active",
      "expired", "terminated");
  /**
   * Moves docs/api.md rules out for each status still under way: not a skip forward, not back
   * more than one step. (signed → pending_signature, signed → terminated and active → signed are
   * left out: the text does not settle them.)
   */
  private static final Map<String, List<String>> REFUSED = Map.of(
      "draft", List.of("pending_signature", "signed", "active", "expired", "terminated"),
      "pending_review", List.of("signed", "active", "expired", "terminated"),
      "pending_signature", List.of("draft", "active", "expired", "terminated"),
      "signed", List.of("draft", "pending_review", "expired"),
      "active", List.of("draft", "pending_review", "pending_signature"));
  private static FilesStack stack;
  private static User sarah;
  private static User marcus;
  private static String eventId;
  private static JsonObject image;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new FilesStack(engines, 1024L * 1024 * 1024);
    sarah = stack.users.create("Sarah Chen");
    marcus = stack.users.create("Marcus Webb");
    stack.signIn(sarah);
    stack.signIn(marcus);
    eventId = stack.createEvent(sarah, member(marcus, "production_manager", "edit"));
    image = stack.upload(sarah, eventId, "event-images", "look.png", "image/png", png(1200)).bodyAsJsonObject()
        .getJsonObject("file");
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  // ---------------------------------------------------------------- uploads

  @ParameterizedTest(name = "query \"{0}\"")
  @ValueSource(strings = {"", "?bucket=", "?bucket=event-videos", "?bucket=EVENT-IMAGES"})
  void anUploadWithoutAKnownBucketIs400NamingBucket(String query) throws Exception {
    refusedUpload(query, fileForm("no-bucket.png", png(600)), 400, "bucket");
  }

  @Test
  void aBodyThatIsNotMultipartIs415() throws Exception {
    String before = stack.snapshot(eventId);
    Answer json = stack.files.post(filesPath() + "?bucket=event-images").token(sarah.token())
        .json(new JsonObject().put("file", "aGVsbG8=")).send();
    assertThat(json.status()).as(json.toString()).isEqualTo(415);
    assertThat(json.json().getJsonObject("error").getString("message")).contains("multipart/form-data");
    Answer raw = stack.files.post(filesPath() + "?bucket=event-images").token(sarah.token())
        .header("Content-Type", "image/png").raw(new String(png(300), StandardCharsets.ISO_8859_1)).send();
    assertThat(raw.status()).as(raw.toString()).isEqualTo(415);
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
  }

  @Test
  void aMultipartBodyWithoutAFileFieldIs400NamingFile() throws Exception {
    refusedUpload("?bucket=event-images", MultipartForm.create().attribute("title", "Look 1"), 400, "file");
    // A file under another name is not "the file" either.
    refusedUpload("?bucket=event-images", MultipartForm.create().binaryFileUpload("upload", "look.png",
        Buffer.buffer(png(500)), "image/png"), 400, "file");
  }

  @Test
  void anEmptyFileIs400NamingFile() throws Exception {
    refusedUpload("?bucket=event-documents", fileForm("empty.pdf", new byte[0]), 400, "file");
  }

  @Test
  void onlyTheFirstFileFieldIsStored() throws Exception {
    byte[] first = png(700);
    byte[] second = png(1900);
    second[100] = 42;
    MultipartForm form = MultipartForm.create()
        .binaryFileUpload("file", "first.png", Buffer.buffer(first), "image/png")
        .binaryFileUpload("file", "second.png", Buffer.buffer(second), "image/png");
    Answer answer = answer(stack.uploadForm(sarah, eventId, "?bucket=event-images", form));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    JsonObject file = answer.json().getJsonObject("file");
    assertThat(file.getString("file_name")).isEqualTo("first.png");
    assertThat(file.getLong("size")).isEqualTo(first.length);
    assertThat(file.getString("sha256")).isEqualTo(sha256(first));
    assertThat(stack.sql("SELECT file_name FROM files WHERE event_id = $1 AND file_name IN ('first.png', 'second.png')",
        UUID.fromString(eventId))).singleElement()
        .satisfies(row -> assertThat(row.getString("file_name")).isEqualTo("first.png"));
    List<String> keys = stack.storedKeys("event-images", eventId);
    assertThat(keys).contains(file.getString("key")).noneMatch(k -> k.endsWith("second.png"));
    assertThat(sha256(stack.fetch(stack.publicUrl(file.getString("id"))).body().getBytes())).isEqualTo(sha256(first));
  }

  @Test
  void anImageOneByteOverFiveMegabytesIs413AndNothingIsStored() throws Exception {
    String before = stack.snapshot(eventId);
    byte[] big = png(5 * 1024 * 1024 + 1);
    Answer answer = answer(stack.upload(sarah, eventId, "event-images", "huge-look.png", "image/png", big));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
    assertThat(answer.json().getJsonObject("error").getString("message")).contains("5 MB").contains("event-images");
    // The first bytes may have reached the bucket before the limit was passed: they must go again.
    assertThat(stack.keysWithout("event-images", eventId, "huge-look.png")).noneMatch(k -> k.endsWith("huge-look.png"));
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
    // Exactly at the limit is fine.
    Answer atLimit = answer(stack.upload(sarah, eventId, "event-images", "limit-look.png", "image/png",
        png(5 * 1024 * 1024)));
    assertThat(atLimit.status()).as(atLimit.toString()).isEqualTo(201);
    assertThat(atLimit.json().getJsonObject("file").getLong("size")).isEqualTo(5L * 1024 * 1024);
  }

  @ParameterizedTest(name = "{0} into {1} -> {2}")
  @CsvSource({
      "jpeg, event-images, 201, image/jpeg",
      "jpeg, event-media, 201, image/jpeg",
      "jpeg, event-documents, 415, image/jpeg",
      "webp, event-images, 201, image/webp",
      "webp, event-media, 201, image/webp",
      "webp, event-documents, 415, image/webp",
      "mp4, event-media, 201, video/mp4",
      "mp42, event-media, 201, video/mp4",
      "mp4, event-images, 415, video/mp4",
      "mp4, event-documents, 415, video/mp4",
      "text, event-documents, 201, text/plain",
      "text, event-images, 415, text/plain"})
  void theBucketTakesOnlyItsTypesJudgedByTheBytes(String kind, String bucket, int expected, String type) throws Exception {
    byte[] bytes = switch (kind) {
      case "jpeg" -> jpeg();
      case "webp" -> webp();
      case "mp4" -> mp4("isom");
      case "mp42" -> mp4("mp42");
      default -> TEXT;
    };
    String name = kind + "-into-" + bucket + ".bin";
    String before = stack.snapshot(eventId);
    Answer answer = answer(stack.upload(sarah, eventId, bucket, name, "application/octet-stream", bytes));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(expected);
    if (expected == 201) {
      JsonObject file = answer.json().getJsonObject("file");
      assertThat(file.getString("content_type")).isEqualTo(type);
      assertThat(file.getLong("size")).isEqualTo(bytes.length);
      assertThat(stack.sql("SELECT content_type FROM files WHERE id = $1", UUID.fromString(file.getString("id"))))
          .singleElement().satisfies(row -> assertThat(row.getString("content_type")).isEqualTo(type));
      assertThat(stack.storedKeys(bucket, eventId)).contains(file.getString("key"));
    } else {
      assertThat(answer.errorCode()).isEqualTo("unsupported_file_type");
      assertThat(answer.json().getJsonObject("error").getString("message")).contains(bucket + " takes");
      assertThat(stack.keysWithout(bucket, eventId, name)).noneMatch(k -> k.endsWith(name));
      assertThat(stack.snapshot(eventId)).isEqualTo(before);
    }
  }

  // ---------------------------------------------------------------- files and links

  @Test
  void anUnknownFileIs404AndAMalformedIdIs400() {
    String unknown = filesPath() + "/" + UUID.randomUUID();
    assertThat(stack.files.get(unknown).token(sarah.token()).send().status()).isEqualTo(404);
    Answer deleteUnknown = stack.files.delete(unknown).token(sarah.token()).send();
    assertThat(deleteUnknown.status()).as(deleteUnknown.toString()).isEqualTo(404);
    Answer malformed = stack.files.get(filesPath() + "/not-a-uuid").token(sarah.token()).send();
    assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
    assertThat(malformed.errorFields()).containsExactly("fileId");
    Answer malformedDelete = stack.files.delete(filesPath() + "/12345").token(sarah.token()).send();
    assertThat(malformedDelete.status()).as(malformedDelete.toString()).isEqualTo(400);
    // A file of another event is unknown through this one.
    String other = stack.createEvent(sarah);
    assertThat(stack.files.get("/api/v1/events/" + other + "/files/" + image.getString("id")).token(sarah.token()).send()
        .status()).isEqualTo(404);
  }

  @ParameterizedTest(name = "expires_in={0} -> {1}")
  @CsvSource({"0, 400", "-5, 400", "604801, 400", "soon, 400", "1, 200", "604800, 200"})
  void aLinksExpiryIsOneSecondToSevenDays(String expiresIn, int expected) {
    JsonObject document = stack.upload(sarah, eventId, "event-documents", "expiry-" + expiresIn + ".txt", "text/plain", TEXT)
        .bodyAsJsonObject().getJsonObject("file");
    long before = Instant.now().getEpochSecond();
    Answer answer = stack.files.get(filesPath() + "/" + document.getString("id") + "?expires_in=" + expiresIn)
        .token(sarah.token()).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(expected);
    if (expected == 400) {
      assertThat(answer.errorFields()).containsExactly("expires_in");
    } else {
      // The link's expiry is the one asked for, counted from when it was made.
      JsonObject file = answer.json().getJsonObject("file");
      long expires = Long.parseLong(URI.create(file.getString("download_url")).getQuery().replaceAll(".*expires=([0-9]+).*", "$1"));
      assertThat(expires).isEqualTo(Instant.parse(file.getString("expires_at")).getEpochSecond())
          .isBetween(before + Long.parseLong(expiresIn), Instant.now().getEpochSecond() + Long.parseLong(expiresIn));
    }
  }

  // ---------------------------------------------------------------- contracts

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no contract_type | {\"party_name\":\"Chanel\"} | 400 | contract_type",
      "no party_name | {\"contract_type\":\"sponsor\"} | 400 | party_name",
      "empty party_name | {\"contract_type\":\"sponsor\",\"party_name\":\"\"} | 400 | party_name",
      "unknown contract_type | {\"contract_type\":\"caterer\",\"party_name\":\"Chanel\"} | 400 | contract_type",
      "unknown status | {\"contract_type\":\"sponsor\",\"party_name\":\"Chanel\",\"status\":\"archived\"} | 400 | status",
      "starts signed | {\"contract_type\":\"sponsor\",\"party_name\":\"Chanel\",\"status\":\"signed\"} | 400 | status",
      "starts active | {\"contract_type\":\"sponsor\",\"party_name\":\"Chanel\",\"status\":\"active\"} | 400 | status",
      "expires before signed | {\"contract_type\":\"sponsor\",\"party_name\":\"Chanel\",\"signed_date\":\"2027-06-01T00:00:00Z\","
          + "\"expiration_date\":\"2027-05-31T00:00:00Z\"} | 400 | expiration_date",
      "unknown field | {\"contract_type\":\"sponsor\",\"party_name\":\"Chanel\",\"notes\":\"VIP\"} | 400 | notes",
      "unknown file | {\"contract_type\":\"sponsor\",\"party_name\":\"Chanel\","
          + "\"file_id\":\"6f1c56a4-3d43-4a5e-9b1e-0c2f7d9e8a11\"} | 422 | file_id"})
  void aBadContractIsRefusedNamingTheField(String what, String body, int expected, String field) throws Exception {
    refusedContract(new JsonObject(body), expected, field);
  }

  @Test
  void aContractsFileMustBeADocumentNotAnImage() throws Exception {
    refusedContract(new JsonObject().put("contract_type", "designer").put("party_name", "Atelier Noir")
        .put("file_id", image.getString("id")), 422, "file_id");
  }

  @Test
  void aChangeCannotPutTheExpirationBeforeTheStoredSignedDate() {
    String path = createdContract(new JsonObject().put("contract_type", "sponsor").put("party_name", "Maison Lune")
        .put("signed_date", "2027-06-01T00:00:00Z").put("expiration_date", "2028-06-01T00:00:00Z"));
    String row = row(path);
    Answer answer = stack.files.put(path).token(sarah.token())
        .json(new JsonObject().put("expiration_date", "2027-05-01T00:00:00Z")).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.errorFields()).contains("expiration_date");
    assertThat(row(path)).isEqualTo(row);
  }

  @Test
  void aContractOfAnotherEventIsNotFoundThroughThisOne() {
    String otherEvent = stack.createEvent(sarah);
    Answer created = stack.files.post("/api/v1/events/" + otherEvent + "/contracts").token(sarah.token())
        .json(new JsonObject().put("contract_type", "vendor").put("party_name", "Elsewhere Catering")).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String foreign = contractsPath() + "/" + created.json().getString("contract_id");
    String row = row(foreign);
    assertThat(stack.files.get(foreign).token(sarah.token()).send().status()).isEqualTo(404);
    assertThat(stack.files.put(foreign).token(sarah.token()).json(new JsonObject().put("party_name", "Hijacked")).send()
        .status()).isEqualTo(404);
    assertThat(stack.files.delete(foreign).token(sarah.token()).send().status()).isEqualTo(404);
    assertThat(row(foreign)).isEqualTo(row);
  }

  @Test
  void everyAllowedStepOfAContractsLifeSucceedsAndNoSkipDoes() {
    String path = createdContract(new JsonObject().put("contract_type", "venue").put("party_name", "Palais Galliera"));
    assertThat(status(path)).isEqualTo("draft");
    String now = "draft";
    for (String next : List.of("pending_review", "draft", "pending_review", "pending_signature", "signed", "active",
        "expired")) {
      for (String skip : REFUSED.get(now)) refusedMove(path, now, skip);
      Answer moved = move(path, next);
      assertThat(moved.status()).as(now + " -> " + next + ": " + moved).isEqualTo(200);
      assertThat(moved.json().getJsonObject("contract").getString("status")).isEqualTo(next);
      assertThat(status(path)).isEqualTo(next);
      now = next;
    }
    // Another contract ends the other way, after a round back from signing to review.
    String other = createdContract(new JsonObject().put("contract_type", "model").put("party_name", "Agence Elite")
        .put("status", "pending_signature"));
    for (String next : List.of("pending_review", "pending_signature", "signed", "active", "terminated")) {
      Answer moved = move(other, next);
      assertThat(moved.status()).as("-> " + next + ": " + moved).isEqualTo(200);
      assertThat(status(other)).isEqualTo(next);
    }
  }

  @ParameterizedTest(name = "from {0}")
  @ValueSource(strings = {"expired", "terminated"})
  void anEndedContractGoesNowhere(String ended) {
    String path = createdContract(new JsonObject().put("contract_type", "staff").put("party_name", "Backstage crew")
        .put("status", "pending_signature"));
    for (String step : List.of("signed", "active", ended)) {
      assertThat(move(path, step).status()).as("-> " + step).isEqualTo(200);
    }
    for (String target : STATUSES) {
      if (target.equals(ended)) continue;
      Answer refused = refusedMove(path, ended, target);
      assertThat(refused.json().getJsonObject("error").getJsonArray("details").getJsonObject(0).getString("issue"))
          .isEqualTo("can go from " + ended + " to nothing (it has ended)");
    }
  }

  @Test
  void deletingAFileAContractRefersToIsRefusedAndKeepsBoth() throws Exception {
    JsonObject document = stack.upload(sarah, eventId, "event-documents", "venue-terms.txt", "text/plain", TEXT)
        .bodyAsJsonObject().getJsonObject("file");
    String path = createdContract(new JsonObject().put("contract_type", "venue").put("party_name", "Carreau du Temple")
        .put("file_id", document.getString("id")));
    String before = stack.snapshot(eventId);
    Answer answer = stack.files.delete(filesPath() + "/" + document.getString("id")).token(sarah.token()).send();
    assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
    // An object would be removed right after the answer.
    Eventually.holdsFor(Duration.ofMillis(300), () -> assertThat(stack.keys("event-documents", eventId))
        .contains(document.getString("key")));
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
    assertThat(stack.storedKeys("event-documents", eventId)).contains(document.getString("key"));
    Answer contract = stack.files.get(path).token(sarah.token()).send();
    assertThat(contract.json().getJsonObject("contract").getJsonObject("file").getString("id"))
        .isEqualTo(document.getString("id"));
    assertThat(stack.fetch(contract.json().getJsonObject("contract").getString("download_url")).statusCode()).isEqualTo(200);
  }

  // ---------------------------------------------------------------- helpers

  private static void refusedContract(JsonObject body, int expected, String field) throws Exception {
    String before = stack.snapshot(eventId);
    Answer answer = stack.files.post(contractsPath()).token(sarah.token()).json(body).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(expected);
    assertThat(answer.errorFields()).contains(field);
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
  }

  /** Uploads the form as the lead: refused, naming the field, with nothing stored. */
  private static void refusedUpload(String query, MultipartForm form, int expected, String field) throws Exception {
    String before = stack.snapshot(eventId);
    Answer answer = answer(stack.uploadForm(sarah, eventId, query, form));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(expected);
    assertThat(answer.errorFields()).containsExactly(field);
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
  }

  /** A 422 naming status, with the contract's row untouched. */
  private static Answer refusedMove(String path, String from, String to) {
    String row = row(path);
    Answer refused = move(path, to);
    assertThat(refused.status()).as(from + " -> " + to + ": " + refused).isEqualTo(422);
    assertThat(refused.errorCode()).isEqualTo("invalid_transition");
    assertThat(refused.errorFields()).containsExactly("status");
    assertThat(row(path)).as("the refused move changed nothing").isEqualTo(row);
    return refused;
  }

  private static String createdContract(JsonObject body) {
    Answer created = stack.files.post(contractsPath()).token(sarah.token()).json(body).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return contractsPath() + "/" + created.json().getString("contract_id");
  }

  private static Answer move(String path, String status) {
    return stack.files.put(path).token(sarah.token()).json(new JsonObject().put("status", status)).send();
  }

  private static String status(String path) {
    return stack.sql("SELECT status::text FROM contracts WHERE id = $1", contractId(path)).get(0).getString("status");
  }

  private static String row(String path) {
    return stack.sql("SELECT to_jsonb(c.*)::text AS row FROM contracts c WHERE id = $1", contractId(path)).get(0)
        .getString("row");
  }

  private static UUID contractId(String path) {
    return UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
  }

  private static MultipartForm fileForm(String name, byte[] bytes) {
    return MultipartForm.create().binaryFileUpload("file", name, Buffer.buffer(bytes), "image/png");
  }

  /** A JPEG/JFIF start: SOI, the APP0 segment with "JFIF", then padding. */
  private static byte[] jpeg() {
    return Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0,
        0, 1, 0, 1, 0, 0}, 2048);
  }

  /** A RIFF container of form WEBP with a lossy (VP8) chunk. */
  private static byte[] webp() {
    return Arrays.copyOf(new byte[] {'R', 'I', 'F', 'F', (byte) 0xF8, 0x07, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' ',
        (byte) 0xEC, 0x07, 0, 0}, 2048);
  }

  /** An ISO base media file: an ftyp box with this major brand (isom: what most cameras and encoders write). */
  private static byte[] mp4(String brand) {
    byte[] head = Arrays.copyOf(new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 0, 0, 0, 0, 0, 0, 2, 0, 'i', 's', 'o', 'm',
        'i', 's', 'o', '2', 0, 0, 0, 8, 'f', 'r', 'e', 'e'}, 4096);
    System.arraycopy(brand.getBytes(StandardCharsets.US_ASCII), 0, head, 8, 4);
    return head;
  }

  private static String filesPath() {
    return "/api/v1/events/" + eventId + "/files";
  }

  private static String contractsPath() {
    return "/api/v1/events/" + eventId + "/contracts";
  }
}
