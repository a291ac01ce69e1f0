package com.fashionos.files;

import static com.fashionos.files.FilesStack.answer;
import static com.fashionos.files.FilesStack.member;
import static com.fashionos.files.FilesStack.png;
import static com.fashionos.files.FilesStack.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The "Files and contracts" matrix of docs/permissions.md, cell by cell, for the event lead (its
 * creator), a member with admin permissions, one with edit, one with view_only and an outsider.
 * After every call the event's file and contract rows, its storage settings and its objects in
 * the buckets are compared: a refused call or a read changes nothing, an allowed change is
 * stored. Row level security refuses the same in SQL.
 */
@ExtendWith(TestEngines.class)
class FilesPermissionTest {
  private static final byte[] PDF = "%PDF-1.4\n% matrix\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
      .getBytes(StandardCharsets.US_ASCII);
  private static final List<String> SUBJECTS = List.of("lead", "admin", "edit", "view_only", "outsider");
  private static final List<String> ACTIONS = List.of("upload event-images", "upload event-media",
      "upload event-documents", "list event-images", "list event-media", "list event-documents", "detail image",
      "detail media", "detail document", "delete another's image", "delete another's media", "delete own image",
      "delete document", "list contracts", "contract detail", "create contract", "change contract", "delete contract",
      "media setting");
  private static FilesStack stack;
  private static User lead;
  private static User admin;
  private static User editor;
  private static User viewer;
  private static User outsider;
  private static String eventId;
  private static JsonObject seedImage;
  private static JsonObject seedMedia;
  private static JsonObject seedDocument;
  private static String seedContract;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new FilesStack(engines, 1024L * 1024 * 1024);
    lead = stack.users.create("Lena Lead");
    admin = stack.users.create("Adam Admin");
    editor = stack.users.create("Edith Edit");
    viewer = stack.users.create("Victor View");
    outsider = stack.users.create("Otto Out");
    Stream.of(lead, admin, editor, viewer, outsider).forEach(stack::signIn);
    eventId = stack.createEvent(lead, member(admin, "production_manager", "admin"),
        member(editor, "marketing_lead", "edit"), member(viewer, "custom", "view_only"));
    seedImage = uploaded(editor, "event-images", "seed-look.png", png(1500));
    seedMedia = uploaded(viewer, "event-media", "seed-backstage.png", png(1700));
    seedDocument = uploaded(lead, "event-documents", "seed-rider.pdf", PDF);
    seedContract = createContract(lead, "Seed venue").json().getString("contract_id");
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static User who(String subject) {
    return Map.of("lead", lead, "admin", admin, "edit", editor, "view_only", viewer, "outsider", outsider).get(subject);
  }

  /** docs/permissions.md: lead and admin manage; edit also reads documents; view_only sees images and media. */
  private static int expected(String subject, String action) {
    if (subject.equals("outsider")) return 404;
    boolean manages = subject.equals("lead") || subject.equals("admin");
    boolean edits = subject.equals("edit");
    return switch (action) {
      case "upload event-images", "upload event-media" -> 201;
      case "upload event-documents" -> manages ? 201 : 403;
      // A list is the caller's view (docs/api.md): a view_only member's has no documents in it.
      case "list event-images", "list event-media", "list event-documents", "detail image", "detail media" -> 200;
      case "detail document", "list contracts", "contract detail" -> manages || edits ? 200 : 404;
      case "delete another's image", "delete another's media" -> manages ? 200 : 403;
      case "delete own image" -> 200;
      case "delete document", "change contract", "delete contract" -> manages ? 200 : edits ? 403 : 404;
      case "create contract" -> manages ? 201 : edits ? 403 : 404;
      case "media setting" -> manages ? 200 : 403;
      default -> throw new IllegalArgumentException(action);
    };
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cells = new ArrayList<>();
    for (String action : ACTIONS) {
      for (String subject : SUBJECTS) {
        // An outsider cannot upload, so has no image of their own.
        if (!(subject.equals("outsider") && action.equals("delete own image"))) {
          cells.add(Arguments.of(subject, action, expected(subject, action)));
        }
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("matrix")
  void cell(String subject, String action, int expected) throws Exception {
    User user = who(subject);
    User someoneElse = subject.equals("lead") ? editor : lead;
    String name = (subject + "-" + action).replaceAll("[^a-z]+", "-");
    JsonObject targetFile = switch (action) {
      case "detail image" -> seedImage;
      case "detail media" -> seedMedia;
      case "detail document" -> seedDocument;
      case "delete another's image" -> uploaded(someoneElse, "event-images", name + ".png", png(900));
      case "delete another's media" -> uploaded(someoneElse, "event-media", name + ".png", png(900));
      case "delete own image" -> uploaded(user, "event-images", name + ".png", png(900));
      case "delete document" -> uploaded(lead, "event-documents", name + ".pdf", PDF);
      default -> null;
    };
    String targetContract = switch (action) {
      case "contract detail" -> seedContract;
      case "change contract", "delete contract" -> createContract(lead, "Target of " + name).json().getString("contract_id");
      default -> null;
    };
    boolean mediaPublic = mediaPublic();
    String before = stack.snapshot(eventId);

    Answer answer = switch (action) {
      case "upload event-images", "upload event-media", "upload event-documents" -> action.endsWith("documents")
          ? answer(stack.upload(user, eventId, "event-documents", name + ".pdf", "application/pdf", PDF))
          : answer(stack.upload(user, eventId, action.substring(7), name + ".png", "image/png", png(800)));
      case "list event-images", "list event-media", "list event-documents" ->
          stack.files.get(filesPath() + "?bucket=" + action.substring(5)).token(user.token()).send();
      case "detail image", "detail media", "detail document" ->
          stack.files.get(filesPath() + "/" + targetFile.getString("id")).token(user.token()).send();
      case "delete another's image", "delete another's media", "delete own image", "delete document" ->
          stack.files.delete(filesPath() + "/" + targetFile.getString("id")).token(user.token()).send();
      case "list contracts" -> stack.files.get(contractsPath()).token(user.token()).send();
      case "contract detail" -> stack.files.get(contractsPath() + "/" + targetContract).token(user.token()).send();
      case "create contract" -> createContract(user, "New by " + name);
      case "change contract" -> stack.files.put(contractsPath() + "/" + targetContract).token(user.token())
          .json(new JsonObject().put("party_name", "Changed by " + name)).send();
      case "delete contract" -> stack.files.delete(contractsPath() + "/" + targetContract).token(user.token()).send();
      case "media setting" -> stack.files.put(filesPath() + "/settings").token(user.token())
          .json(new JsonObject().put("media_public", !mediaPublic)).send();
      default -> throw new IllegalArgumentException(action);
    };

    assertThat(answer.status()).as(answer.toString()).isEqualTo(expected);
    String after = stack.snapshot(eventId);
    boolean read = action.startsWith("list ") || action.startsWith("detail ") || action.equals("contract detail");
    if (expected >= 400 || read) {
      assertThat(after).as("a refused call or a read changes nothing").isEqualTo(before);
    }
    if (expected == 403 && action.startsWith("upload ")) {
      assertThat(answer.json().getJsonObject("error").getString("message")).as("the refusal names the bucket")
          .startsWith("You don't have permission to upload to " + action.substring(7));
    }
    if (expected == 404) {
      assertThat(answer.errorCode()).isEqualTo("not_found");
      if (action.startsWith("detail ")) {
        // What an outsider (or a view_only member, for a document) may still open: public files, by their public URL.
        assertThat(stack.fetch(stack.publicUrl(targetFile.getString("id"))).statusCode()).as("public URL")
            .isEqualTo(targetFile.getBoolean("public") ? 200 : 404);
      }
    }
    if (expected < 400) {
      allowed(user, action, answer, targetFile, targetContract, mediaPublic, before, after);
    }
  }

  /** What an allowed call answers and stores. */
  private static void allowed(User user, String action, Answer answer, JsonObject targetFile, String targetContract,
      boolean mediaPublic, String before, String after) throws Exception {
    switch (action) {
      case "upload event-images", "upload event-media", "upload event-documents" -> {
        JsonObject file = answer.json().getJsonObject("file");
        assertThat(file.getString("bucket")).isEqualTo(action.substring(7));
        assertThat(stack.sql("SELECT uploaded_by FROM files WHERE id = $1", UUID.fromString(file.getString("id"))))
            .singleElement().satisfies(row -> assertThat(row.getUUID("uploaded_by")).isEqualTo(user.id()));
        assertThat(stack.storedKeys(action.substring(7), eventId)).contains(file.getString("key"));
      }
      case "list event-images", "list event-media", "list event-documents" -> {
        List<String> seen = ids(answer);
        assertThat(answer.json().getInteger("total")).isEqualTo(seen.size());
        List<String> all = ids(stack.files.get(filesPath() + "?bucket=" + action.substring(5)).token(lead.token()).send());
        assertThat(all).as("the lead's list").isNotEmpty();
        if (action.equals("list event-documents") && user == viewer) {
          assertThat(seen).as("a view_only member's view has no documents").isEmpty();
        } else {
          assertThat(seen).as("the same files the lead sees").isEqualTo(all);
        }
      }
      case "detail image", "detail media", "detail document" -> {
        JsonObject file = answer.json().getJsonObject("file");
        assertThat(file.getString("id")).isEqualTo(targetFile.getString("id"));
        String url = file.getBoolean("public") ? stack.publicUrl(file.getString("id")) : file.getString("download_url");
        HttpResponse<Buffer> opened = stack.fetch(url);
        assertThat(opened.statusCode()).as("the link opens the file").isEqualTo(200);
        assertThat(sha256(opened.body().getBytes())).isEqualTo(targetFile.getString("sha256"));
      }
      case "delete another's image", "delete another's media", "delete own image", "delete document" -> {
        assertThat(stack.sql("SELECT 1 FROM files WHERE id = $1", UUID.fromString(targetFile.getString("id")))).isEmpty();
        assertThat(stack.keysWithout(targetFile.getString("bucket"), eventId, targetFile.getString("key")))
            .doesNotContain(targetFile.getString("key"));
      }
      case "list contracts" -> {
        List<String> seen = answer.json().getJsonArray("contracts").stream().map(c -> ((JsonObject) c).getString("id")).toList();
        List<String> all = stack.sql("SELECT id FROM contracts WHERE event_id = $1 ORDER BY created_at DESC, id",
            UUID.fromString(eventId)).stream().map(row -> row.getUUID("id").toString()).toList();
        assertThat(seen).contains(seedContract).isEqualTo(all);
      }
      case "contract detail" -> assertThat(answer.json().getJsonObject("contract").getString("id")).isEqualTo(targetContract);
      case "create contract" -> assertThat(stack.sql("SELECT party_name, created_by FROM contracts WHERE id = $1",
              UUID.fromString(answer.json().getString("contract_id"))))
          .singleElement().satisfies(row -> {
            assertThat(row.getString("party_name")).startsWith("New by ");
            assertThat(row.getUUID("created_by")).isEqualTo(user.id());
          });
      case "change contract" -> assertThat(stack.sql("SELECT party_name FROM contracts WHERE id = $1",
              UUID.fromString(targetContract)))
          .singleElement().satisfies(row -> assertThat(row.getString("party_name")).startsWith("Changed by "));
      case "delete contract" -> assertThat(stack.sql("SELECT 1 FROM contracts WHERE id = $1", UUID.fromString(targetContract)))
          .isEmpty();
      case "media setting" -> assertThat(mediaPublic()).isEqualTo(!mediaPublic);
      default -> throw new IllegalArgumentException(action);
    }
    if (!action.startsWith("list ") && !action.startsWith("detail ") && !action.equals("contract detail")) {
      assertThat(after).as("an allowed change is stored").isNotEqualTo(before);
    }
  }

  @Test
  void rowLevelSecurityHidesDocumentsAndContractsFromAViewOnlyMemberEvenInSql() {
    UUID event = UUID.fromString(eventId);
    // Both are known members (their requests above put them in the read model): the images show it.
    String images = "SELECT count(*) AS n FROM files WHERE event_id = $1 AND bucket = 'event-images'";
    assertThat(count(viewer, images, event)).isPositive();
    String documents = "SELECT count(*) AS n FROM files WHERE event_id = $1 AND bucket = 'event-documents'";
    long allDocuments = stack.sql(documents, event).get(0).getLong("n");
    assertThat(allDocuments).isPositive();
    assertThat(count(viewer, documents, event)).as("view_only").isZero();
    assertThat(count(editor, documents, event)).as("edit").isEqualTo(allDocuments);
    assertThat(count(outsider, documents, event)).as("outsider").isZero();
    String contracts = "SELECT count(*) AS n FROM contracts WHERE event_id = $1";
    long allContracts = stack.sql(contracts, event).get(0).getLong("n");
    assertThat(allContracts).isPositive();
    assertThat(count(viewer, contracts, event)).as("view_only").isZero();
    assertThat(count(editor, contracts, event)).as("edit").isEqualTo(allContracts);
  }

  @Test
  void theDatabaseRefusesAnEditMembersDocumentRow() throws Exception {
    UUID event = UUID.fromString(eventId);
    String insert = "INSERT INTO files (id, event_id, bucket, object_key, file_name, content_type, size_bytes, sha256,"
        + " public, uploaded_by) VALUES ($1, $2, 'event-documents', $3, 'sneaky.pdf', 'application/pdf', 1,"
        + " repeat('a', 64), false, $4) RETURNING id";
    UUID sneaky = UUID.randomUUID();
    String before = stack.snapshot(eventId);
    assertThatThrownBy(() -> stack.sqlAs(editor.id(), insert, sneaky, event, "events/" + eventId + "/documents/" + sneaky,
        editor.id())).hasMessageContaining("row-level security");
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
    // An editor's DELETE of a document touches nothing either.
    UUID document = UUID.fromString(seedDocument.getString("id"));
    assertThat(stack.sqlAs(editor.id(), "DELETE FROM files WHERE id = $1 RETURNING id", document)).isEmpty();
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
    // The same row is fine for the lead: it is the policy that refused it, not the SQL.
    UUID allowed = UUID.randomUUID();
    try {
      assertThat(stack.sqlAs(lead.id(), insert, allowed, event, "events/" + eventId + "/documents/" + allowed, lead.id()))
          .hasSize(1);
    } finally {
      stack.sql("DELETE FROM files WHERE id = $1", allowed);
    }
  }

  private static long count(User user, String statement, UUID event) {
    return stack.sqlAs(user.id(), statement, event).get(0).getLong("n");
  }

  private static JsonObject uploaded(User user, String bucket, String fileName, byte[] bytes) {
    HttpResponse<Buffer> answer = stack.upload(user, eventId, bucket, fileName, "application/octet-stream", bytes);
    if (answer.statusCode() != 201) throw new AssertionError("upload failed: " + answer.bodyAsString());
    return answer.bodyAsJsonObject().getJsonObject("file");
  }

  private static Answer createContract(User user, String party) {
    return stack.files.post(contractsPath()).token(user.token())
        .json(new JsonObject().put("contract_type", "vendor").put("party_name", party)).send();
  }

  private static boolean mediaPublic() {
    return stack.sql("SELECT media_public FROM event_storage WHERE event_id = $1", UUID.fromString(eventId)).stream()
        .anyMatch(row -> row.getBoolean("media_public"));
  }

  private static List<String> ids(Answer list) {
    return list.json().getJsonArray("files").stream().map(f -> ((JsonObject) f).getString("id")).toList();
  }

  private static String filesPath() {
    return "/api/v1/events/" + eventId + "/files";
  }

  private static String contractsPath() {
    return "/api/v1/events/" + eventId + "/contracts";
  }
}
