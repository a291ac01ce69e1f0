package com.fashionos.files;

import static com.fashionos.files.FilesStack.answer;
import static com.fashionos.files.FilesStack.member;
import static com.fashionos.files.FilesStack.png;
import static com.fashionos.files.FilesStack.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.RawUpload;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.files.upload.UploadLimits;
import io.minio.GetObjectArgs;
import io.minio.MinioAsyncClient;
import io.minio.messages.Upload;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Uploads against their limits: a client that stops sending is answered 408 and cut off after the
 * idle timeout, one that trickles after the deadline, and neither leaves a row, an object or an
 * open multipart upload; a cut-off or malformed multipart body is 400 naming {@code file} at once.
 * The caps on uploads at once are {@link FilesUploadCapsTest}'s.
 */
@ExtendWith(TestEngines.class)
class FilesUploadLimitsTest {
  private static final Duration IDLE = Duration.ofMillis(1500);
  private static final Duration DEADLINE = Duration.ofSeconds(6);
  private static final UploadLimits LIMITS = new UploadLimits(IDLE, DEADLINE, 4, 2, 2);
  private static final int MB = 1024 * 1024;
  private static FilesStack stack;
  private static MinioAsyncClient s3;
  private static User sarah;
  private static User marcus;
  private static User ines;
  private static String eventId;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new FilesStack(engines, 1024L * 1024 * 1024, LIMITS);
    s3 = MinioAsyncClient.builder().endpoint(stack.s3.endpoint()).credentials(stack.s3.accessKey(), stack.s3.secretKey())
        .region(stack.s3.region()).build();
    sarah = stack.users.create("Sarah Chen");
    marcus = stack.users.create("Marcus Webb");
    ines = stack.users.create("Ines Duval");
    for (User user : List.of(sarah, marcus, ines)) stack.signIn(user);
    eventId = stack.createEvent(sarah, member(marcus, "production_manager", "edit"), member(ines, "creative_director", "edit"));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void aClientThatStopsSendingIsAnswered408AndCutOffAfterTheIdleTimeoutLeavingNothing() throws Exception {
    String before = stack.snapshot(eventId);
    long started = System.nanoTime();
    try (RawUpload stalled = open(marcus, "event-images", "stalled.png", 4 * MB).send(png(64 * 1024))) {
      Answer answer = stalled.answer(IDLE.plusSeconds(10));
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      assertThat(answer.status()).as(answer.toString()).isEqualTo(408);
      assertThat(answer.json().getJsonObject("error").getString("code")).isEqualTo("upload_timeout");
      assertThat(answer.errorFields()).containsExactly("file");
      assertThat(tookMs).isGreaterThanOrEqualTo(IDLE.toMillis()).isLessThan(IDLE.toMillis() + 5_000);
      assertThat(stalled.closedWithin(Duration.ofSeconds(5))).as("the connection is closed").isTrue();
    }
    Eventually.holdsFor(Duration.ofMillis(300), () -> assertThat(stack.keys("event-images", eventId)).isEmpty());
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
  }

  @Test
  void aStalledUploadPastItsFirstPartHasItsMultipartUploadAborted() throws Exception {
    String before = stack.snapshot(eventId);
    try (RawUpload stalled = open(sarah, "event-media", "stalled-film.png", 20 * MB).send(png(6 * MB))) {
      // The first 5 MB went to the store as part 1 of a multipart upload...
      Eventually.eventually("a multipart upload under way", () -> multipartUploads("event-media"), list -> !list.isEmpty());
      Answer answer = stalled.answer(IDLE.plusSeconds(10));
      assertThat(answer.status()).as(answer.toString()).isEqualTo(408);
      assertThat(answer.errorFields()).containsExactly("file");
    }
    // ...and is aborted: no part, no object, no row.
    Eventually.eventually("the multipart upload aborted", () -> multipartUploads("event-media"), List::isEmpty);
    assertThat(stack.keys("event-media", eventId)).isEmpty();
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
  }

  @Test
  void aRefusedClientThatStopsSendingTheRestIsCutOffAfterTheIdleTimeout() {
    // Documents are the lead's: Ines is refused before a byte of the body is read...
    try (RawUpload refused = open(ines, "event-documents", "notes.pdf", 4 * MB).send(png(64 * 1024))) {
      Answer answer = refused.answer(Duration.ofSeconds(10));
      assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
      // ...the rest would be read and dropped while she sends it; she sends nothing more.
      assertThat(refused.closedWithin(IDLE.multipliedBy(2).plusSeconds(5))).as("the connection is closed").isTrue();
    }
  }

  @Test
  void aClientThatTricklesIsAnswered408AtTheDeadline() throws Exception {
    String before = stack.snapshot(eventId);
    long started = System.nanoTime();
    try (RawUpload trickle = open(ines, "event-images", "trickle.png", 4 * MB).send(png(16 * 1024))) {
      // A kilobyte every half idle timeout: never idle, never done.
      long sendUntil = started + DEADLINE.plusSeconds(5).toNanos();
      while (System.nanoTime() < sendUntil && !trickle.closedWithin(IDLE.dividedBy(2))) {
        try {
          trickle.send(new byte[1024]);
        } catch (java.io.UncheckedIOException closed) {
          break;
        }
      }
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      assertThat(tookMs).as("cut off at the deadline").isGreaterThanOrEqualTo(DEADLINE.toMillis())
          .isLessThan(DEADLINE.toMillis() + 4_000);
    }
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
  }

  @Test
  void aBodyThatEndsWithoutTheClosingBoundaryIs400NamingFileAtOnce() throws Exception {
    String before = stack.snapshot(eventId);
    byte[] file = png(20 * 1024);
    long length = RawUpload.partHead("cut.png").length() + file.length;
    long started = System.nanoTime();
    try (RawUpload cut = open(marcus, "event-images", "cut.png", length).send(file)) {
      Answer answer = cut.answer(IDLE.plusSeconds(10));
      assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
      assertThat(answer.errorFields()).containsExactly("file");
      assertThat(answer.json().getJsonObject("error").getString("message")).contains("closing multipart boundary");
      assertThat((System.nanoTime() - started) / 1_000_000).as("not left to the idle timeout").isLessThan(IDLE.toMillis());
    }
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
  }

  @Test
  void aFileNameOfFiveThousandCharactersIs400NamingFile() throws Exception {
    String before = stack.snapshot(eventId);
    for (int length : new int[] {256, 5_000}) {
      String name = "a".repeat(length - 4) + ".png";
      Answer answer = answer(stack.upload(marcus, eventId, "event-images", name, "image/png", png(2048)));
      assertThat(answer.status()).as(length + " characters: " + answer).isEqualTo(400);
      assertThat(answer.errorFields()).containsExactly("file");
      assertThat(answer.json().getJsonObject("error").getString("message")).contains("255 characters");
    }
    // 255 characters are a name, kept to its first 120 with the extension.
    Answer kept = answer(stack.upload(marcus, eventId, "event-images", "b".repeat(251) + ".png", "image/png", png(2048)));
    assertThat(kept.status()).as(kept.toString()).isEqualTo(201);
    assertThat(kept.json().getJsonObject("file").getString("file_name")).hasSize(120).endsWith(".png");
    String keptId = kept.json().getJsonObject("file").getString("id");
    assertThat(stack.files.delete("/api/v1/events/" + eventId + "/files/" + keptId).token(sarah.token()).send().status())
        .isEqualTo(200);
    stack.keysWithout("event-images", eventId, ".png");
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
  }

  @Test
  void aFileOfSeveralPartsIsStoredWhole() throws Exception {
    byte[] film = png(12 * MB + 12_345);
    new Random(7).nextBytes(film);
    System.arraycopy(png(16), 0, film, 0, 16);
    Answer answer = answer(stack.upload(sarah, eventId, "event-media", "backstage.png", "image/png", film));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    JsonObject file = answer.json().getJsonObject("file");
    assertThat(file.getLong("size")).isEqualTo(film.length);
    assertThat(file.getString("sha256")).isEqualTo(sha256(film));
    try (var stored = stack.objects.getObject(GetObjectArgs.builder().bucket("event-media").object(file.getString("key")).build())) {
      assertThat(sha256(stored.readAllBytes())).isEqualTo(sha256(film));
    }
    assertThat(multipartUploads("event-media")).isEmpty();
    assertThat(stack.files.delete("/api/v1/events/" + eventId + "/files/" + file.getString("id")).token(sarah.token()).send()
        .status()).isEqualTo(200);
    stack.keysWithout("event-media", eventId, "backstage.png");
  }

  private static RawUpload open(User user, String bucket, String fileName, long declaredLength) {
    return RawUpload.open(stack.filesPort, "/api/v1/events/" + eventId + "/files?bucket=" + bucket, user.token(), fileName,
        declaredLength);
  }

  /** The multipart uploads open under this event's keys in the bucket. */
  private static List<String> multipartUploads(String bucket) {
    try {
      List<String> open = new ArrayList<>();
      for (Upload upload : s3.listMultipartUploadsAsync(bucket, null, null, null, null, 1000, "events/" + eventId + "/", null,
          null, null).get().result().uploads()) {
        open.add(upload.objectName());
      }
      return open;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
