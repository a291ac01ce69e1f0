package com.fashionos.files;

import static com.fashionos.files.FilesStack.member;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.files.storage.Bucket;
import com.fashionos.files.storage.ObjectStore;
import com.fashionos.files.terms.SampleContract;
import io.minio.MakeBucketArgs;
import io.minio.RemoveBucketArgs;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Uploads, links and contracts against the tests' real s3proxy, PostgreSQL and Kafka. */
@ExtendWith(TestEngines.class)
class FilesApiTest {
  private static final byte[] SMALL_PDF = "%PDF-1.4\n% a tiny document\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
      .getBytes(StandardCharsets.US_ASCII);
  private static FilesStack stack;
  private static User sarah;
  private static User marcus;
  private static User viewer;
  private static User outsider;
  private static String eventId;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new FilesStack(engines, 1024L * 1024 * 1024);
    sarah = stack.users.create("Sarah Chen");
    marcus = stack.users.create("Marcus Webb");
    viewer = stack.users.create("Vera View");
    outsider = stack.users.create("Olivia Out");
    for (User user : new User[] {sarah, marcus, viewer, outsider}) stack.signIn(user);
    eventId = stack.createEvent(sarah, member(marcus, "production_manager", "edit"), member(viewer, "marketing_lead", "view_only"));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void acceptanceTestFourAContractPdfUploadsBecomesAContractWithAWorkingLinkAndItsTermsAreExtracted() throws Exception {
    byte[] pdf = SampleContract.pdf(5 * 1024 * 1024);
    HttpResponse<Buffer> uploaded = stack.upload(sarah, eventId, "event-documents", "sponsor-chanel.pdf", "application/pdf", pdf);
    assertThat(uploaded.statusCode()).as(uploaded.bodyAsString()).isEqualTo(201);
    JsonObject file = uploaded.bodyAsJsonObject().getJsonObject("file");
    assertThat(file.getString("content_type")).isEqualTo("application/pdf");
    assertThat(file.getLong("size")).isEqualTo(pdf.length);
    assertThat(file.getString("sha256")).isEqualTo(sha256(pdf));
    assertThat(file.getString("key")).isEqualTo("events/" + eventId + "/documents/" + file.getString("id") + "-sponsor-chanel.pdf");
    assertThat(file.getBoolean("public")).isFalse();

    TestApi.Answer created = stack.files.post("/api/v1/events/" + eventId + "/contracts").token(sarah.token())
        .json(new JsonObject().put("contract_type", "sponsor").put("party_name", "Chanel").put("status", "pending_signature")
            .put("amount", "150000.00").put("currency", "USD").put("file_id", file.getString("id"))).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonObject contract = created.json().getJsonObject("contract");
    assertThat(contract.getString("amount")).isEqualTo("150000.00");
    // The link is on the address the caller used, never the store's.
    assertThat(contract.getString("download_url"))
        .startsWith("http://localhost:" + stack.filesPort + "/storage/v1/files/" + file.getString("id") + "?expires=");
    HttpResponse<Buffer> opened = stack.fetch(contract.getString("download_url"));
    assertThat(opened.statusCode()).isEqualTo(200);
    assertThat(sha256(opened.body().getBytes())).isEqualTo(sha256(pdf));

    String contractPath = "/api/v1/events/" + eventId + "/contracts/" + contract.getString("id");
    JsonObject extracted = awaitContract(contractPath, c -> !"pending".equals(c.getString("key_terms_status")));
    assertThat(extracted.getString("key_terms_status")).as(extracted.encode()).isEqualTo("extracted");
    JsonObject terms = extracted.getJsonObject("key_terms");
    assertThat(terms.getJsonArray("parties").encode()).contains("Chanel");
    assertThat(terms.getJsonArray("amounts").encode()).contains("150000.00").contains("USD");
  }

  @Test
  void aContractTakesTheLinkOfItsFileAsTheSpecsFrontendSendsIt() throws Exception {
    HttpResponse<Buffer> uploaded = stack.upload(sarah, eventId, "event-documents", "venue.pdf", "application/pdf",
        SampleContract.pdf(20 * 1024));
    JsonObject file = uploaded.bodyAsJsonObject().getJsonObject("file");
    String contracts = "/api/v1/events/" + eventId + "/contracts";
    JsonObject contract = new JsonObject().put("contract_type", "venue").put("party_name", "Palazzo");

    TestApi.Answer byLink = stack.files.post(contracts).token(sarah.token())
        .json(contract.copy().put("file_url", file.getString("download_url"))).send();
    assertThat(byLink.status()).as(byLink.toString()).isEqualTo(201);
    assertThat(byLink.json().getJsonObject("contract").getString("file_id")).isEqualTo(file.getString("id"));
    for (String link : List.of("https://app.example.com/api/v1/events/" + eventId + "/files/" + file.getString("id"),
        "https://gateway.example/storage/v1/files/" + file.getString("id") + "?expires=1&sig=x")) {
      TestApi.Answer answer = stack.files.post(contracts).token(sarah.token()).json(contract.copy().put("file_url", link)).send();
      assertThat(answer.status()).as(link + " " + answer).isEqualTo(201);
      assertThat(answer.json().getJsonObject("contract").getString("file_id")).isEqualTo(file.getString("id"));
    }

    assertIssue(stack.files.post(contracts).token(sarah.token())
        .json(contract.copy().put("file_url", "https://elsewhere.example/contract.pdf")).send(), 400, "file_url");
    assertIssue(stack.files.post(contracts).token(sarah.token()).json(contract.copy()
        .put("file_url", file.getString("download_url")).put("file_id", UUID.randomUUID().toString())).send(), 400, "file_url");
    assertIssue(stack.files.post(contracts).token(sarah.token()).json(contract.copy()
        .put("file_url", "https://app.example.com/storage/v1/files/" + UUID.randomUUID())).send(), 422, "file_url");
  }

  private static void assertIssue(TestApi.Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.errorFields()).first().isEqualTo(field);
  }

  @Test
  void aFileOverTheBucketsLimitIs413AndNothingIsStored() throws Exception {
    byte[] big = Arrays.copyOf(SMALL_PDF, 11 * 1024 * 1024);
    HttpResponse<Buffer> answer = stack.upload(sarah, eventId, "event-documents", "too-big.pdf", "application/pdf", big);
    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("10 MB").contains("event-documents");
    assertThat(stack.storedKeys("event-documents", eventId)).noneMatch(key -> key.endsWith("too-big.pdf"));
    assertThat(stack.sql("SELECT 1 FROM files WHERE file_name = 'too-big.pdf'")).isEmpty();
  }

  @Test
  void theTypeComesFromTheBytesNotTheNameOrTheDeclaredType() throws Exception {
    byte[] elf = Arrays.copyOf(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, 4096);
    HttpResponse<Buffer> executable = stack.upload(sarah, eventId, "event-documents", "invoice.pdf", "application/pdf", elf);
    assertThat(executable.statusCode()).isEqualTo(415);
    assertThat(executable.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("event-documents takes");

    byte[] png = pngBytes();
    HttpResponse<Buffer> disguised = stack.upload(sarah, eventId, "event-documents", "floor-plan.pdf", "application/pdf", png);
    assertThat(disguised.statusCode()).isEqualTo(415);
    assertThat(disguised.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("image/png");
    assertThat(stack.storedKeys("event-documents", eventId)).noneMatch(k -> k.endsWith("invoice.pdf") || k.endsWith("floor-plan.pdf"));

    // The same PNG is welcome where images go.
    HttpResponse<Buffer> image = stack.upload(marcus, eventId, "event-images", "look-1.png", "image/png", png);
    assertThat(image.statusCode()).as(image.bodyAsString()).isEqualTo(201);
    JsonObject file = image.bodyAsJsonObject().getJsonObject("file");
    assertThat(file.getBoolean("public")).isTrue();
    assertThat(file.getString("download_url")).endsWith("/public/v1/files/" + file.getString("id"));
  }

  @Test
  void aPathTraversalNameIsStoredSafely() throws Exception {
    HttpResponse<Buffer> answer = stack.upload(sarah, eventId, "event-documents", "../../etc/passwd\u0000.pdf", "application/pdf",
        SMALL_PDF);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
    JsonObject file = answer.bodyAsJsonObject().getJsonObject("file");
    assertThat(file.getString("file_name")).isEqualTo("passwd.pdf");
    assertThat(file.getString("key")).startsWith("events/" + eventId + "/documents/").doesNotContain("..");
    assertThat(stack.storedKeys("event-documents", eventId)).contains(file.getString("key"));
  }

  @Test
  void linksAreSignedForThePublicAddressWithoutReachingIt() throws Exception {
    // A name that never resolves (RFC 2606): signing must not call it, and storing must not use it.
    ObjectStore store = new ObjectStore(stack.vertx, stack.s3.withPublicEndpoint("https://files.fashionos.invalid"), 1);
    String key = "events/" + eventId + "/documents/public-address-probe.txt";
    store.put(Bucket.EVENT_DOCUMENTS, key, "probe".getBytes(StandardCharsets.UTF_8), "text/plain").await();
    try {
      assertThat(stack.storedKeys("event-documents", eventId)).contains(key);
      URI link = URI.create(store.presignedUrl(Bucket.EVENT_DOCUMENTS, key, Duration.ofMinutes(5), "inline"));
      assertThat(link.getScheme() + "://" + link.getAuthority()).isEqualTo("https://files.fashionos.invalid");
      assertThat(link.getRawQuery()).contains("X-Amz-Signature=");
    } finally {
      store.remove(Bucket.EVENT_DOCUMENTS, key).await();
    }
  }

  @Test
  void aSharedLinkWorksUntilItExpires() throws Exception {
    String fileId = stack.upload(sarah, eventId, "event-documents", "run-of-show.pdf", "application/pdf", SMALL_PDF)
        .bodyAsJsonObject().getJsonObject("file").getString("id");
    JsonObject file = stack.files.get("/api/v1/events/" + eventId + "/files/" + fileId + "?expires_in=2")
        .token(marcus.token()).send().json().getJsonObject("file");
    HttpResponse<Buffer> now = stack.fetch(file.getString("download_url"));
    assertThat(now.statusCode()).isEqualTo(200);
    assertThat(now.body().getBytes()).isEqualTo(SMALL_PDF);
    Eventually.eventually("the link expires", () -> stack.fetch(file.getString("download_url")).statusCode(), s -> s == 403);
    // Longer than seven days is refused.
    assertThat(stack.files.get("/api/v1/events/" + eventId + "/files/" + fileId + "?expires_in=700000")
        .token(marcus.token()).send().status()).isEqualTo(400);
  }

  @Test
  void whoMayUploadIsCheckedBeforeAnyByteIsStoredWithAClearReason() throws Exception {
    HttpResponse<Buffer> viewOnly = stack.upload(viewer, eventId, "event-documents", "secret.pdf", "application/pdf", SMALL_PDF);
    assertThat(viewOnly.statusCode()).isEqualTo(403);
    assertThat(viewOnly.bodyAsJsonObject().getJsonObject("error").getString("message"))
        .startsWith("You don't have permission to upload to event-documents");
    HttpResponse<Buffer> editor = stack.upload(marcus, eventId, "event-documents", "secret.pdf", "application/pdf", SMALL_PDF);
    assertThat(editor.statusCode()).isEqualTo(403);
    HttpResponse<Buffer> stranger = stack.upload(outsider, eventId, "event-images", "secret.png", "image/png", SMALL_PDF);
    assertThat(stranger.statusCode()).isEqualTo(404);
    assertThat(stack.storedKeys("event-documents", eventId)).noneMatch(k -> k.endsWith("secret.pdf"));

    // A view-only member sees no documents at all, an editor does.
    String docId = stack.upload(sarah, eventId, "event-documents", "budget.pdf", "application/pdf", SMALL_PDF)
        .bodyAsJsonObject().getJsonObject("file").getString("id");
    assertThat(stack.files.get("/api/v1/events/" + eventId + "/files/" + docId).token(viewer.token()).send().status()).isEqualTo(404);
    assertThat(stack.files.get("/api/v1/events/" + eventId + "/files/" + docId).token(marcus.token()).send().status()).isEqualTo(200);
    // Only the uploader or the lead deletes an image; only the lead a document.
    String imageId = stack.upload(marcus, eventId, "event-images", "look-2.png", "image/png", pngBytes())
        .bodyAsJsonObject().getJsonObject("file").getString("id");
    assertThat(stack.files.delete("/api/v1/events/" + eventId + "/files/" + imageId).token(viewer.token()).send().status())
        .isEqualTo(403);
    assertThat(stack.files.delete("/api/v1/events/" + eventId + "/files/" + docId).token(marcus.token()).send().status())
        .isEqualTo(403);
    assertThat(stack.files.delete("/api/v1/events/" + eventId + "/files/" + imageId).token(marcus.token()).send().status())
        .isEqualTo(200);
  }

  @Test
  void whenTheRowCannotBeWrittenTheUploadedObjectIsRemoved() throws Exception {
    stack.sql("CREATE FUNCTION refuse_file() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        + " IF NEW.file_name = 'doomed.pdf' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$");
    stack.sql("CREATE TRIGGER refuse_file BEFORE INSERT ON files FOR EACH ROW EXECUTE FUNCTION refuse_file()");
    try {
      HttpResponse<Buffer> answer = stack.upload(sarah, eventId, "event-documents", "doomed.pdf", "application/pdf", SMALL_PDF);
      assertThat(answer.statusCode()).isGreaterThanOrEqualTo(400);
      // The object is removed right after the failed write.
      assertThat(stack.keysWithout("event-documents", eventId, "doomed.pdf")).noneMatch(k -> k.endsWith("doomed.pdf"));
    } finally {
      stack.sql("DROP TRIGGER refuse_file ON files");
      stack.sql("DROP FUNCTION refuse_file()");
    }
  }

  @Test
  void whenTheStoreCannotTakeTheFileNoRowIsWritten() throws Exception {
    stack.objects.removeBucket(RemoveBucketArgs.builder().bucket("event-media").build());
    try {
      HttpResponse<Buffer> answer = stack.upload(marcus, eventId, "event-media", "show.png", "image/png", pngBytes());
      assertThat(answer.statusCode()).isEqualTo(503);
      assertThat(stack.sql("SELECT 1 FROM files WHERE bucket = 'event-media'")).isEmpty();
    } finally {
      stack.objects.makeBucket(MakeBucketArgs.builder().bucket("event-media").build());
    }
  }

  @Test
  void aContractMovesOneStepOfItsLifeAtATime() {
    TestApi.Answer created = stack.files.post("/api/v1/events/" + eventId + "/contracts").token(sarah.token())
        .json(new JsonObject().put("contract_type", "venue").put("party_name", "Palais de Tokyo")).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String path = "/api/v1/events/" + eventId + "/contracts/" + created.json().getString("contract_id");
    TestApi.Answer skipped = stack.files.put(path).token(sarah.token()).json(new JsonObject().put("status", "signed")).send();
    assertThat(skipped.status()).isEqualTo(422);
    assertThat(skipped.json().getJsonObject("error").getJsonArray("details").getJsonObject(0).getString("issue"))
        .isEqualTo("can go from draft to pending_review");
    assertThat(stack.files.put(path).token(sarah.token()).json(new JsonObject().put("status", "pending_review")).send().status())
        .isEqualTo(200);
    assertThat(stack.files.put(path).token(marcus.token()).json(new JsonObject().put("status", "pending_signature")).send()
        .status()).isEqualTo(403);
    assertThat(stack.files.get(path).token(viewer.token()).send().status()).isEqualTo(404);
    assertThat(stack.files.delete(path).token(sarah.token()).send().status()).isEqualTo(200);
    assertThat(stack.files.get(path).token(sarah.token()).send().status()).isEqualTo(404);
  }

  private static JsonObject awaitContract(String path, java.util.function.Predicate<JsonObject> done) {
    return Eventually.eventually("the contract at " + path, Duration.ofSeconds(30),
        () -> stack.files.get(path).token(sarah.token()).send().json().getJsonObject("contract"), done);
  }

  private static byte[] pngBytes() {
    return Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'}, 2048);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
