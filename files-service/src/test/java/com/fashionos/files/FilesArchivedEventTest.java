package com.fashionos.files;

import static com.fashionos.files.FilesStack.answer;
import static com.fashionos.files.FilesStack.png;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.RawUpload;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An archived event's files and contracts are read-only: uploads (refused before a byte of the
 * body is read), deletes, contracts and the media setting answer 409 {@code event_archived} and
 * nothing is stored; reads still work; after a restore the same changes go through. The event is
 * archived through events-service.
 */
@ExtendWith(TestEngines.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FilesArchivedEventTest {
  private static final byte[] PDF = "%PDF-1.4\n% archived\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
      .getBytes(StandardCharsets.US_ASCII);
  private static FilesStack stack;
  private static User lead;
  private static String eventId;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new FilesStack(engines, 1024L * 1024 * 1024);
    lead = stack.users.create("Lena Lead");
    stack.signIn(lead);
    eventId = stack.createEvent(lead);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  /** Every change to the event's files and contracts, on targets made while the event was live. */
  private static Map<String, Supplier<Answer>> changes(String imageId, String contractId) {
    String files = "/api/v1/events/" + eventId + "/files";
    String contracts = "/api/v1/events/" + eventId + "/contracts";
    Map<String, Supplier<Answer>> changes = new LinkedHashMap<>();
    changes.put("upload image", () -> answer(stack.upload(lead, eventId, "event-images", "look.png", "image/png", png(800))));
    changes.put("upload document", () -> answer(stack.upload(lead, eventId, "event-documents", "rider.pdf",
        "application/pdf", PDF)));
    changes.put("create contract", () -> stack.files.post(contracts).token(lead.token())
        .json(new JsonObject().put("contract_type", "vendor").put("party_name", "Lighting Co")).send());
    changes.put("change contract", () -> stack.files.put(contracts + "/" + contractId).token(lead.token())
        .json(new JsonObject().put("party_name", "Venue Group")).send());
    changes.put("media setting", () -> stack.files.put(files + "/settings").token(lead.token())
        .json(new JsonObject().put("media_public", true)).send());
    changes.put("delete file", () -> stack.files.delete(files + "/" + imageId).token(lead.token()).send());
    changes.put("delete contract", () -> stack.files.delete(contracts + "/" + contractId).token(lead.token()).send());
    return changes;
  }

  @Test
  void anArchivedEventsFilesAndContractsAreReadOnlyUntilItIsRestored() throws Exception {
    Map<String, Supplier<Answer>> changes = changes(uploadedImage(), createdContract());
    setArchived(true);
    String before = stack.snapshot(eventId);
    changes.forEach((action, call) -> {
      Answer answer = call.get();
      assertThat(answer.status()).as(action + ": " + answer).isEqualTo(409);
      assertThat(answer.errorCode()).as(action).isEqualTo("event_archived");
    });
    assertThat(stack.snapshot(eventId)).as("nothing was stored").isEqualTo(before);
    assertThat(stack.files.get("/api/v1/events/" + eventId + "/files?bucket=event-images").token(lead.token()).send()
        .json().getJsonArray("files")).as("reads stay allowed").hasSize(1);
    assertThat(stack.files.get("/api/v1/events/" + eventId + "/contracts").token(lead.token()).send().status())
        .isEqualTo(200);

    setArchived(false);
    Map<String, Integer> expected = Map.of("upload image", 201, "upload document", 201, "create contract", 201);
    changes(uploadedImage(), createdContract()).forEach((action, call) -> {
      Answer answer = call.get();
      assertThat(answer.status()).as(action + " after the restore: " + answer).isEqualTo(expected.getOrDefault(action, 200));
    });
  }

  @Test
  void anUploadToAnArchivedEventIsRefusedBeforeItsBodyIsRead() throws Exception {
    setArchived(true);
    try {
      String before = stack.snapshot(eventId);
      // Headers and the part's head only: the answer comes without a byte of the file.
      try (RawUpload upload = RawUpload.open(stack.filesPort, "/api/v1/events/" + eventId + "/files?bucket=event-images",
          lead.token(), "look.png", 4L * 1024 * 1024)) {
        Answer answer = upload.answer(Duration.ofSeconds(10));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
        assertThat(answer.errorCode()).isEqualTo("event_archived");
      }
      assertThat(stack.snapshot(eventId)).isEqualTo(before);
    } finally {
      setArchived(false);
    }
  }

  private static String uploadedImage() {
    Answer answer = answer(stack.upload(lead, eventId, "event-images", "seed.png", "image/png", png(900)));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().getJsonObject("file").getString("id");
  }

  private static String createdContract() {
    Answer answer = stack.files.post("/api/v1/events/" + eventId + "/contracts").token(lead.token())
        .json(new JsonObject().put("contract_type", "vendor").put("party_name", "Seed venue")).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().getString("contract_id");
  }

  /** Archives or restores the event through events-service and waits until files-service knows. */
  private static void setArchived(boolean archived) {
    String path = "/api/v1/events/" + eventId;
    Answer answer = archived ? stack.events.delete(path).token(lead.token()).send()
        : stack.events.post(path + "/restore").token(lead.token()).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    Eventually.eventually("files-service's read model to see the event " + (archived ? "archived" : "restored"),
        () -> stack.sql("SELECT status FROM events WHERE id = $1", UUID.fromString(eventId)).get(0).getString("status"),
        status -> archived == status.equals("archived"));
  }
}
