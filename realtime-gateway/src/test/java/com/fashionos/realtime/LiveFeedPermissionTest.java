package com.fashionos.realtime;

import static com.fashionos.embedded.Eventually.eventually;
import static com.fashionos.realtime.RealtimeTestBed.bearer;
import static com.fashionos.realtime.RealtimeTestBed.changesUntilRenamedTo;
import static com.fashionos.realtime.RealtimeTestBed.changesUri;
import static com.fashionos.realtime.RealtimeTestBed.recordIds;
import static com.fashionos.realtime.RealtimeTestBed.renamedTo;
import static com.fashionos.realtime.RealtimeTestBed.streamUri;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.budget.BudgetServiceConfig;
import com.fashionos.budget.BudgetServiceVerticle;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.files.FilesServiceConfig;
import com.fashionos.files.FilesServiceVerticle;
import com.fashionos.files.file.FileLinks;
import com.fashionos.files.file.LinkKeys;
import com.fashionos.files.upload.UploadLimits;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.health.Metrics;
import com.fashionos.tasks.TasksServiceConfig;
import com.fashionos.tasks.TasksServiceVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live feed shows exactly what the REST API shows: the permission matrix walked over the
 * WebSocket, SSE and the polling feed. Every service that publishes change records runs for real
 * (events, tasks, budget, files on one database, Kafka and the tests' S3), their rows are made
 * through their APIs, and for every frame and every subject the REST read of that row decides
 * whether the subject must receive it.
 */
@ExtendWith(TestEngines.class)
class LiveFeedPermissionTest {
  private static final Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
  /** Generous: four services and a gateway share the machine with the rest of the build. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  /** The last rename of the matrix: every subject's frames are compared up to it. */
  private static final String DONE = "Matrix done";
  private static RealtimeTestBed bed;
  private static TestApi tasks;
  private static TestApi budget;
  private static TestApi files;
  private static int filesPort;
  private static WebClient web;
  private static int port;
  private static User admin;
  private static User editor;
  private static User viewer;

  /** Someone relative to the event, by the name of their column in docs/permissions.md. */
  private record Subject(String name, User user) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void start(TestEngines.Stack stack) {
    bed = new RealtimeTestBed(vertx, stack);
    ServiceConfig common = new ServiceConfig(0, bed.database, bed.kafka, bed.auth);
    TasksServiceVerticle tasksService = new TasksServiceVerticle(new TasksServiceConfig(common, bed.eventsUrl, 200));
    FilesServiceVerticle filesService = new FilesServiceVerticle(new FilesServiceConfig(common, bed.eventsUrl,
        stack.s3(), FilesServiceConfig.DEFAULT_QUOTA_BYTES, UploadLimits.DEFAULTS,
        new FileLinks.Settings(Optional.empty(), new LinkKeys(TestUsers.SECRET, Optional.empty()), false)));
    vertx.deployVerticle(tasksService).await();
    vertx.deployVerticle(filesService).await();
    // budget-service checks invoice files with files-service, so it starts after it.
    BudgetServiceVerticle budgetService = new BudgetServiceVerticle(new BudgetServiceConfig(common, bed.eventsUrl,
        "http://localhost:" + filesService.port()));
    vertx.deployVerticle(budgetService).await();
    tasks = new TestApi("http://localhost:" + tasksService.port());
    budget = new TestApi("http://localhost:" + budgetService.port());
    filesPort = filesService.port();
    files = new TestApi("http://localhost:" + filesPort);
    web = WebClient.create(vertx);
    admin = signedUp("Ada Admin");
    editor = signedUp("Eddie Editor");
    viewer = signedUp("Vera Viewer");
    port = bed.gateway(RealtimeConfig.Limits.DEFAULTS).port();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void everyFrameReachesExactlyTheSubjectsWhoMayReadItsRowOverRest() {
    String id = eventWithTeam("Matrix show");
    List<Subject> subjects = List.of(new Subject("event_lead", bed.lead), new Subject("admin", admin),
        new Subject("edit", editor), new Subject("view_only", viewer), new Subject("outsider", bed.outsider));
    Subject lead = subjects.get(0);
    Map<Subject, RealtimeClient> sockets = new LinkedHashMap<>();
    Map<Subject, SseClient> streams = new LinkedHashMap<>();
    Map<Subject, String> startCursors = new HashMap<>();
    try {
      for (Subject subject : subjects) {
        RealtimeClient socket = RealtimeClient.signedIn(vertx, port, subject.user().token());
        sockets.put(subject, socket);
        JsonObject answer = socket.subscribe(id);
        SseClient stream = SseClient.open(vertx, port, streamUri(id, null), bearer(subject.user()));
        streams.put(subject, stream);
        TestApi.Answer polled = gatewayApi().get(changesUri(id, null, null)).token(subject.user().token()).send();
        if (subject.user() == bed.outsider) {
          // Not even the event: nothing of it on any way in (the cells below are all "no" too).
          assertThat(answer.getString("code")).isEqualTo("not_found");
          assertThat(stream.status).isEqualTo(404);
          assertThat(polled.status()).isEqualTo(404);
        } else {
          assertThat(answer.getString("type")).as(subject + ": " + answer).isEqualTo("subscribed");
          stream.next(e -> "subscribed".equals(e.event()), PATIENCE);
          startCursors.put(subject, polled.json().getString("cursor"));
        }
      }

      // One row of every table the services publish for an event, by the API, as the lead would.
      bed.rename(id, "Matrix show, renamed");
      expectCreated(bed.api.post("/api/v1/events/" + id + "/team").token(bed.lead.token())
          .json(new JsonObject().put("user_id", bed.member.id().toString()).put("role", "sponsor_liaison")).send());
      expectCreated(tasks.post("/api/v1/events/" + id + "/tasks").token(editor.token()).json(new JsonObject()
          .put("name", "Book the models").put("phase", "pre_production").put("deadline", "2027-05-01T18:00:00Z")).send());
      expectOk(budget.put("/api/v1/events/" + id + "/budget/categories/venue").token(bed.lead.token())
          .json(new JsonObject().put("budgeted_amount", "50000.00")).send());
      expectOk(budget.put("/api/v1/events/" + id + "/budget/categories/catering").token(bed.lead.token())
          .json(new JsonObject().put("budgeted_amount", "5000.00")).send());
      expectCreated(budget.post("/api/v1/events/" + id + "/budget/reallocations").token(bed.lead.token())
          .json(new JsonObject().put("from", "venue").put("to", "catering").put("amount", "1000.00")).send());
      expectCreated(budget.post("/api/v1/events/" + id + "/expenses").token(editor.token())
          .json(new JsonObject().put("name", "Venue deposit").put("amount", "12000.00").put("category", "venue")).send());
      Map<String, String> fileIds = new LinkedHashMap<>();
      fileIds.put("event-images", upload(id, "event-images", "look.png", "image/png", png()));
      fileIds.put("event-media", upload(id, "event-media", "backstage.png", "image/png", png()));
      fileIds.put("event-documents", upload(id, "event-documents", "terms.txt", "text/plain",
          "Venue hire terms: deposit 12000 USD, due on signature.\n".getBytes(StandardCharsets.UTF_8)));
      String contractId = expectCreated(files.post("/api/v1/events/" + id + "/contracts").token(bed.lead.token())
          .json(new JsonObject().put("contract_type", "venue").put("party_name", "Grand Hall Ltd")
              .put("amount", "45000.00").put("currency", "USD")).send()).json().getJsonObject("contract").getString("id");

      // The lead sees everything: once every row above reached the lead's socket, a last rename
      // behind them marks the end of what each subject can have received (one feed, one order).
      RealtimeClient leadSocket = sockets.get(lead);
      List<JsonObject> leadFrames = new ArrayList<>();
      Set<String> missing = new LinkedHashSet<>(List.of("events", "event_team", "event_tasks", "event_budget_categories",
          "expenses", "reallocations", "budget_status", "activity_logs", "contracts/" + contractId));
      fileIds.values().forEach(fileId -> missing.add("files/" + fileId));
      while (!missing.isEmpty()) {
        JsonObject frame = leadSocket.next(m -> "change".equals(m.getString("type")), PATIENCE);
        leadFrames.add(frame);
        missing.remove(frame.getString("table"));
        missing.remove(frame.getString("table") + "/" + row(frame).getString("id"));
      }
      bed.rename(id, DONE);
      leadFrames.addAll(changesUntilRenamedTo(DONE, () -> leadSocket.next(m -> "change".equals(m.getString("type")), PATIENCE)));

      // What REST says of each frame's row, per subject: the expected cells.
      Map<Subject, List<String>> expected = new LinkedHashMap<>();
      for (Subject subject : subjects) {
        expected.put(subject, leadFrames.stream().filter(frame -> restReads(subject, id, frame))
            .map(frame -> frame.getString("record_id")).toList());
      }
      // The matrix is not trivial: the view-only member may read images and media, not documents or contracts.
      assertThat(restStatus(viewer, "/api/v1/events/" + id + "/files/" + fileIds.get("event-media"), files)).isEqualTo(200);
      assertThat(restStatus(viewer, "/api/v1/events/" + id + "/files/" + fileIds.get("event-documents"), files)).isEqualTo(404);
      assertThat(restStatus(viewer, "/api/v1/events/" + id + "/contracts/" + contractId, files)).isEqualTo(404);
      assertThat(expected.get(lead)).isEqualTo(recordIds(leadFrames));
      assertThat(expected.get(subjects.get(3))).hasSizeLessThan(leadFrames.size() - 1);

      for (Subject subject : subjects) {
        List<String> cell = expected.get(subject);
        if (subject.user() == bed.outsider) {
          assertThat(cell).as("outsider's REST reads").isEmpty();
          continue;
        }
        RealtimeClient socket = sockets.get(subject);
        List<JsonObject> overSocket = subject == lead ? leadFrames
            : changesUntilRenamedTo(DONE, () -> socket.next(m -> "change".equals(m.getString("type")), PATIENCE));
        assertThat(recordIds(overSocket)).as("%s over the WebSocket", subject).isEqualTo(cell);
        SseClient stream = streams.get(subject);
        assertThat(recordIds(changesUntilRenamedTo(DONE, () -> stream.next(e -> "change".equals(e.event()), PATIENCE).data())))
            .as("%s over SSE", subject).isEqualTo(cell);
        assertThat(recordIds(untilDone(poll(subject.user(), id, startCursors.get(subject), 100, DONE))))
            .as("%s polling", subject).isEqualTo(cell);
        // Page by page, the cursors step over the frames left out: no gap, nothing twice.
        assertThat(recordIds(untilDone(poll(subject.user(), id, startCursors.get(subject), 1, DONE))))
            .as("%s polling one frame at a time", subject).isEqualTo(cell);
        // Resuming from a cursor replays by the same rule.
        try (RealtimeClient again = RealtimeClient.signedIn(vertx, port, subject.user().token())) {
          List<JsonObject> replayed = new ArrayList<>();
          assertThat(again.subscribe(id, startCursors.get(subject), replayed).getString("type")).isEqualTo("subscribed");
          assertThat(recordIds(untilDone(replayed))).as("%s resuming", subject).isEqualTo(cell);
        }
      }
      // The outsider's socket stayed refused: not one frame reached it (all were delivered by now).
      sockets.get(subjects.get(4)).receivesNoneFor(Duration.ZERO, m -> "change".equals(m.getString("type")));
    } finally {
      sockets.values().forEach(RealtimeClient::close);
      streams.values().forEach(SseClient::close);
    }
  }

  @Test
  void aPromotionShowsDocumentsFromThenOnAndADemotionHidesThemAgain() {
    String id = eventWithTeam("Changing hands");
    String start = gatewayApi().get(changesUri(id, null, null)).token(viewer.token()).send().json().getString("cursor");
    try (RealtimeClient vera = RealtimeClient.signedIn(vertx, port, viewer.token());
        SseClient veraStream = SseClient.open(vertx, port, streamUri(id, null), bearer(viewer))) {
      assertThat(vera.subscribe(id).getString("type")).isEqualTo("subscribed");
      veraStream.next(e -> "subscribed".equals(e.event()), PATIENCE);

      String first = upload(id, "event-documents", "first.txt", "text/plain", text("first"));
      bed.rename(id, "Marker 1");
      assertThat(filesIn(changesUntil("Marker 1", vera, veraStream))).isEmpty();

      changePermissions(id, "edit", first, 200);
      String second = upload(id, "event-documents", "second.txt", "text/plain", text("second"));
      bed.rename(id, "Marker 2");
      assertThat(filesIn(changesUntil("Marker 2", vera, veraStream))).containsExactly(second);

      changePermissions(id, "view_only", second, 404);
      String third = upload(id, "event-documents", "third.txt", "text/plain", text("third"));
      bed.rename(id, "Marker 3");
      assertThat(filesIn(changesUntil("Marker 3", vera, veraStream))).isEmpty();

      // Polling from before it all reads by the permission of the moment, as REST does: none of
      // the three documents, which the lead's poll from the same cursor has.
      assertThat(filesIn(poll(bed.lead, id, start, 100, "Marker 3"))).containsExactly(first, second, third);
      assertThat(filesIn(poll(viewer, id, start, 100, "Marker 3"))).isEmpty();
    }
  }

  /**
   * The lead sets Vera's permissions; once files-service applies them too (it learns them from
   * the same change records), the document answers her with {@code status}.
   */
  private static void changePermissions(String id, String permissions, String documentId, int status) {
    expectOk(bed.api.put("/api/v1/events/" + id + "/team/" + viewer.id()).token(bed.lead.token())
        .json(new JsonObject().put("permissions", permissions)).send());
    eventually("files-service answers " + status + " to Vera, now " + permissions, PATIENCE,
        () -> restStatus(viewer, "/api/v1/events/" + id + "/files/" + documentId, files), answer -> answer == status);
  }

  /** The change frames up to the rename, which the WebSocket and SSE must agree on. */
  private static List<JsonObject> changesUntil(String marker, RealtimeClient socket, SseClient stream) {
    List<JsonObject> overSocket = changesUntilRenamedTo(marker,
        () -> socket.next(m -> "change".equals(m.getString("type")), PATIENCE));
    List<JsonObject> overSse = changesUntilRenamedTo(marker, () -> stream.next(e -> "change".equals(e.event()), PATIENCE).data());
    assertThat(recordIds(overSse)).isEqualTo(recordIds(overSocket));
    return overSocket;
  }

  private static List<String> filesIn(List<JsonObject> frames) {
    return frames.stream().filter(f -> "files".equals(f.getString("table"))).map(f -> row(f).getString("id")).toList();
  }

  /** Whether the subject's REST read of the frame's row answers 200 (every table a frame here can come from). */
  private static boolean restReads(Subject subject, String eventId, JsonObject frame) {
    String table = frame.getString("table");
    String event = "/api/v1/events/" + eventId;
    String rowId = row(frame).getString("id");
    int status = switch (table) {
      case "events" -> restStatus(subject.user(), event, bed.api);
      case "event_team" -> restStatus(subject.user(), event + "/team", bed.api);
      case "activity_logs" -> restStatus(subject.user(), event + "/activity", bed.api);
      case "event_tasks", "event_progress" -> restStatus(subject.user(), event + "/tasks", tasks);
      case "event_budget_categories", "budget_status", "reallocations" -> restStatus(subject.user(), event + "/budget", budget);
      case "expenses" -> restStatus(subject.user(), event + "/expenses", budget);
      case "files" -> restStatus(subject.user(), event + "/files/" + rowId, files);
      case "contracts" -> restStatus(subject.user(), event + "/contracts/" + rowId, files);
      default -> throw new AssertionError("A frame of a table this matrix does not cover: " + frame.encode());
    };
    assertThat(status).as("%s reading %s %s", subject, table, rowId).isIn(200, 404);
    return status == 200;
  }

  private static int restStatus(User user, String path, TestApi service) {
    return service.get(path).token(user.token()).send().status();
  }

  private static JsonObject row(JsonObject frame) {
    return frame.getJsonObject("new") != null ? frame.getJsonObject("new") : frame.getJsonObject("old");
  }

  /** The frames up to and including the rename to "Matrix done" (what follows is later activity). */
  private static List<JsonObject> untilDone(List<JsonObject> frames) {
    Predicate<JsonObject> done = renamedTo(DONE);
    int end = frames.stream().filter(done).findFirst().map(frames::indexOf).orElseThrow(() ->
        new AssertionError("No \"Matrix done\" frame in " + recordIds(frames)));
    return frames.subList(0, end + 1);
  }

  /** The frames after {@code since}, polled {@code limit} at a time until the rename to {@code marker} is in. */
  private static List<JsonObject> poll(User user, String eventId, String since, int limit, String marker) {
    List<JsonObject> frames = new ArrayList<>();
    String cursor = since;
    while (true) {
      TestApi.Answer answer = gatewayApi().get(changesUri(eventId, cursor, limit)).token(user.token()).send();
      assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
      assertThat(answer.json().getBoolean("resync_required")).isFalse();
      JsonArray changes = answer.json().getJsonArray("changes");
      assertThat(changes.size()).isLessThanOrEqualTo(limit);
      changes.forEach(change -> frames.add((JsonObject) change));
      cursor = answer.json().getString("cursor");
      if (changes.isEmpty() || frames.stream().anyMatch(renamedTo(marker))) return frames;
    }
  }

  /** An event Sarah leads with an admin, an editor and a view-only member, known to every service. */
  private static String eventWithTeam(String name) {
    JsonObject body = new JsonObject().put("name", name).put("type", "runway_show")
        .put("start_date", "2027-06-15T14:00:00Z")
        .put("budget_categories", new JsonArray().add(new JsonObject().put("category", "venue").put("budgeted_amount", 45000)))
        .put("team_members", new JsonArray()
            .add(member(admin, "production_manager", "admin"))
            .add(member(editor, "creative_director", "edit"))
            .add(member(viewer, "marketing_lead", "view_only")));
    String id = expectCreated(bed.api.post("/api/v1/events").token(bed.lead.token()).json(body).send())
        .json().getString("event_id");
    // Each service learns the team from events-service's change records.
    for (User user : List.of(bed.lead, admin, editor, viewer)) {
      for (TestApi service : List.of(tasks, budget, files)) {
        String path = "/api/v1/events/" + id + (service == tasks ? "/tasks" : service == budget ? "/budget" : "/files");
        eventually(user.name() + " is a member in " + service.baseUrl(), PATIENCE, () -> restStatus(user, path, service),
            status -> status == 200);
      }
    }
    return id;
  }

  private static JsonObject member(User user, String role, String permissions) {
    return new JsonObject().put("user_id", user.id().toString()).put("role", role).put("permissions", permissions);
  }

  private static User signedUp(String name) {
    User user = bed.users.create(name);
    assertThat(bed.api.get("/api/v1/events").token(user.token()).send().status()).isEqualTo(200);
    return user;
  }

  /** Uploads as the lead (only the lead uploads documents); returns the file's id. */
  private static String upload(String eventId, String bucket, String fileName, String type, byte[] bytes) {
    MultipartForm form = MultipartForm.create().binaryFileUpload("file", fileName, Buffer.buffer(bytes), type);
    HttpResponse<Buffer> response = web.post(filesPort, "localhost", "/api/v1/events/" + eventId + "/files?bucket=" + bucket)
        .putHeader("Authorization", "Bearer " + bed.lead.token()).sendMultipartForm(form).await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getJsonObject("file").getString("id");
  }

  private static byte[] png() {
    return Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
        'I', 'H', 'D', 'R'}, 256);
  }

  private static byte[] text(String word) {
    return ("Terms, " + word + " draft: payment on signature.\n").getBytes(StandardCharsets.UTF_8);
  }

  private static TestApi.Answer expectCreated(TestApi.Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer;
  }

  private static void expectOk(TestApi.Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
  }

  private static TestApi gatewayApi() {
    return new TestApi("http://localhost:" + port);
  }
}
