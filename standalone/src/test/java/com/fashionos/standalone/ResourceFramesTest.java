package com.fashionos.standalone;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.RawUpload;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestApi.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One representation for REST and live frames, on the whole stack: the lead watches an event over
 * the WebSocket while the team changes every kind of resource it has (the event, its team,
 * sponsors, designers, tasks, budget, expenses, reallocations, files, contracts). Once the feed
 * has caught up, the newest frame of each resource carries exactly what that resource's REST GET
 * answers (docs/realtime.md; the parts GET signs per request left out), a deleted one is gone
 * from GET, each frame's {@code old} is the {@code new} of the frame before it, and no table
 * sends a row frame beside its resource frame.
 */
@ExtendWith(SharedStandalone.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ResourceFramesTest {
  /** Every resource published as a version-2 record, each of which this journey changes. */
  private static final Set<String> RESOURCES = Set.of("event", "team_member", "event_sponsor", "event_designer",
      "activity_entry", "budget_category", "expense", "reallocation", "budget_status", "file", "contract", "task",
      "event_progress");
  /** What the event detail carries that other resources publish. */
  private static final List<String> EVENT_PARTS_OF_OTHERS = List.of("team", "sponsors", "designers", "progress",
      "tasks_summary", "budget");
  /** What GET makes per request for its caller, which no frame carries. */
  private static final List<String> SIGNED_LINK = List.of("download_url", "expires_at");

  private TestApi api;
  private int port;
  private String token;
  private String eventPath;

  @Test
  void theNewestFrameOfEveryResourceIsWhatItsGetAnswers(SharedStandalone.Stack stack) throws Exception {
    api = stack.api();
    port = stack.port();
    JsonObject sarah = stack.signUp("Sarah Chen");
    JsonObject marcus = stack.signUp("Marcus Webb");
    token = sarah.getString("access_token");
    String marcusToken = marcus.getString("access_token");
    String marcusId = marcus.getJsonObject("user").getString("id");
    ok(api.get("/api/v1/events").token(marcusToken).send()); // Marcus has opened the app once

    String eventId = created(api.post("/api/v1/events").token(token).json(new JsonObject()
        .put("name", "Frames Showcase").put("type", "runway_show").put("start_date", "2027-09-20T19:00:00Z")
        .put("budget_categories", new JsonArray()
            .add(new JsonObject().put("category", "production").put("budgeted_amount", "75000.00"))
            .add(new JsonObject().put("category", "marketing").put("budgeted_amount", "25000.00")))).send())
        .getString("event_id");
    eventPath = "/api/v1/events/" + eventId;
    // The plan and the wizard's categories are written after the answer: watch once they are in.
    eventually("plan generation and the wizard's budget", Duration.ofSeconds(60), () -> get(eventPath, "event"),
        e -> "done".equals(e.getJsonObject("tasks_summary").getJsonObject("generation").getString("status"))
            && "100000.00".equals(e.getJsonObject("budget").getString("total_budgeted")));

    BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    WebSocket socket = LiveSocket.open(api, token, received);
    socket.sendText(new JsonObject().put("type", "subscribe").put("event_id", eventId).encode(), true);
    eventually("subscribed", Duration.ofSeconds(10), received::poll, f -> "subscribed".equals(f.getString("type")));

    ok(api.put(eventPath).token(token).json(new JsonObject().put("name", "Frames Showcase SS27")
        .put("description", "Spring collection")).send());

    created(api.post(eventPath + "/team").token(token).json(new JsonObject().put("user_id", marcusId)
        .put("role", "production_manager").put("permissions", "view_only")).send());
    ok(api.put(eventPath + "/team/" + marcusId).token(token).json(new JsonObject().put("permissions", "edit")).send());

    String sponsorId = created(api.post("/api/v1/sponsors").token(token).json(new JsonObject()
        .put("company_name", "Maison Lumière").put("tier", "gold")).send()).getJsonObject("sponsor").getString("id");
    created(api.post(eventPath + "/sponsors").token(token).json(new JsonObject().put("sponsor_id", sponsorId)).send());
    ok(api.put(eventPath + "/sponsors/" + sponsorId).token(token).json(new JsonObject().put("amount", "250000.00")).send());
    String designerId = created(api.post("/api/v1/designers").token(token).json(new JsonObject().put("name", "Ada Ferri"))
        .send()).getJsonObject("designer").getString("id");
    created(api.post(eventPath + "/designers").token(token).json(new JsonObject().put("designer_id", designerId)).send());
    ok(api.put(eventPath + "/designers/" + designerId).token(token).json(new JsonObject().put("number_of_looks", 12)).send());

    String taskId = created(api.post(eventPath + "/tasks").token(token).json(new JsonObject().put("name", "Book the florist")
        .put("phase", "creative_design").put("deadline", "2027-09-01T12:00:00Z").put("estimated_hours", 6)).send())
        .getString("task_id");
    ok(api.put(eventPath + "/tasks/" + taskId).token(token).json(new JsonObject().put("assignee_id", marcusId)).send());
    ok(api.put(eventPath + "/tasks/" + taskId).token(marcusToken).json(new JsonObject().put("status", "done")).send());

    ok(api.put(eventPath + "/budget/categories/venue").token(token).json(new JsonObject().put("budgeted_amount", "20000.00"))
        .send());
    String lights = created(api.post(eventPath + "/expenses").token(marcusToken).json(new JsonObject()
        .put("category", "production").put("name", "Additional Lights").put("amount", "80000.00")
        .put("vendor_name", "Bright Co")).send()).getString("expense_id");
    ok(api.put(eventPath + "/expenses/" + lights).token(marcusToken).json(new JsonObject().put("name", "Additional LED Lights"))
        .send());
    String dropped = created(api.post(eventPath + "/expenses").token(marcusToken).json(new JsonObject()
        .put("category", "marketing").put("name", "Flyers").put("amount", "300.00")).send()).getString("expense_id");
    ok(api.delete(eventPath + "/expenses/" + dropped).token(marcusToken).send());
    created(api.post(eventPath + "/budget/reallocations").token(token).json(new JsonObject().put("from", "marketing")
        .put("to", "production").put("amount", "5000.00").put("reason", "Lights ran over")).send());

    String fileId = upload(eventId, "venue-contract.pdf").getJsonObject("file").getString("id");
    String spare = upload(eventId, "draft.pdf").getJsonObject("file").getString("id");
    ok(api.delete(eventPath + "/files/" + spare).token(token).send());
    String contractId = created(api.post(eventPath + "/contracts").token(token).json(new JsonObject()
        .put("contract_type", "venue").put("party_name", "Palazzo Reale").put("amount", "250000.00")
        .put("currency", "USD").put("file_id", fileId)).send()).getString("contract_id");
    ok(api.put(eventPath + "/contracts/" + contractId).token(token).json(new JsonObject().put("status", "pending_review"))
        .send());

    // Frames keep coming after the answers (activity entries, the key-terms worker): compare until
    // the feed has caught up with GET, then every resource must agree.
    List<JsonObject> frames = new ArrayList<>();
    List<String> disagreements = eventually("every resource's newest frame to equal its GET", Duration.ofSeconds(60), () -> {
      for (JsonObject frame; (frame = received.poll()) != null; ) {
        if ("change".equals(frame.getString("type"))) frames.add(frame);
      }
      return disagreements(frames);
    }, List::isEmpty);
    socket.abort();
    assertThat(disagreements).isEmpty();

    Map<String, List<JsonObject>> byResource = byResource(frames);
    assertThat(byResource.keySet().stream().map(key -> key.substring(0, key.indexOf('/'))).collect(Collectors.toSet()))
        .as("resources the journey changed").containsExactlyInAnyOrderElementsOf(RESOURCES);
    assertThat(byResource.get("expense/" + dropped)).last().satisfies(f -> assertThat(f.getString("operation")).isEqualTo("delete"));
    assertThat(byResource.get("file/" + spare)).last().satisfies(f -> assertThat(f.getString("operation")).isEqualTo("delete"));
    // Each frame's old is its predecessor's new: no change of a resource went unsent.
    byResource.forEach((key, list) -> {
      for (int i = 1; i < list.size(); i++) {
        JsonObject old = list.get(i).getJsonObject("old");
        JsonObject before = list.get(i - 1).getJsonObject("new");
        assertThat(agree(key, old, before)).as(key + " frame " + i + "'s old " + old + " but the frame before's new " + before)
            .isTrue();
      }
    });
    // One change, one frame: a table whose resource has frames sends no row frames of its own.
    Set<String> resourceTables = frames.stream().filter(f -> f.getString("resource") != null).map(f -> f.getString("table"))
        .collect(Collectors.toSet());
    assertThat(frames.stream().filter(f -> f.getString("resource") == null).map(f -> f.getString("table")))
        .as("row frames").doesNotContainAnyElementsOf(resourceTables);
  }

  /** What differs between each resource's newest frame and its GET now; empty when all agree. */
  private List<String> disagreements(List<JsonObject> frames) {
    List<String> found = new ArrayList<>();
    Map<String, List<JsonObject>> byResource = byResource(frames);
    Set<String> resources = byResource.keySet().stream().map(key -> key.substring(0, key.indexOf('/')))
        .collect(Collectors.toCollection(TreeSet::new));
    if (!resources.equals(new TreeSet<>(RESOURCES))) found.add("resources seen so far: " + resources);
    byResource.forEach((key, list) -> {
      JsonObject newest = list.get(list.size() - 1).getJsonObject("new");
      JsonObject current = current(key);
      if (!agree(key, newest, current)) {
        found.add(key + ": frame " + newest + " but GET " + current);
      }
    });
    return found;
  }

  /** The frames per resource ({@code resource/id}), in the order they came. */
  private static Map<String, List<JsonObject>> byResource(List<JsonObject> frames) {
    Map<String, List<JsonObject>> byResource = new LinkedHashMap<>();
    for (JsonObject frame : frames) {
      String resource = frame.getString("resource");
      if (resource == null) continue;
      JsonObject value = frame.getJsonObject("new") != null ? frame.getJsonObject("new") : frame.getJsonObject("old");
      String idField = switch (resource) {
        case "team_member" -> "user_id";
        case "event_progress", "budget_status" -> "event_id";
        default -> "id";
      };
      byResource.computeIfAbsent(resource + "/" + value.getString(idField), k -> new ArrayList<>()).add(frame);
    }
    return byResource;
  }

  /** What the REST API answers now for a resource ({@code resource/id}), or null when it is gone. */
  private JsonObject current(String key) {
    String resource = key.substring(0, key.indexOf('/'));
    String id = key.substring(key.indexOf('/') + 1);
    return switch (resource) {
      case "event" -> get(eventPath, "event");
      case "team_member" -> listed(eventPath + "/team", "team", "user_id", id);
      case "event_sponsor" -> listed(eventPath + "/sponsors", "sponsors", "id", id);
      case "event_designer" -> listed(eventPath + "/designers", "designers", "id", id);
      case "activity_entry" -> listed(eventPath + "/activity?limit=100", "activity", "id", id);
      case "budget_category" -> listed(eventPath + "/budget", "categories", "id", id);
      case "reallocation" -> listed(eventPath + "/budget/reallocations", "reallocations", "id", id);
      case "budget_status" -> get(eventPath + "/budget", null);
      case "expense" -> getOrGone(eventPath + "/expenses/" + id, "expense");
      case "file" -> getOrGone(eventPath + "/files/" + id, "file");
      case "contract" -> getOrGone(eventPath + "/contracts/" + id, "contract");
      case "task" -> get(eventPath + "/tasks/" + id, "task");
      case "event_progress" -> get(eventPath + "/tasks/progress", "progress");
      default -> throw new AssertionError("a resource this test does not know: " + resource);
    };
  }

  /**
   * Whether a frame's and GET's (or two frames') representations of a resource are the same: GET's
   * parts that belong to other resources or to the request left out, and {@code slack_hours} (as of
   * the commit in a frame, as of now in GET) allowed the hour the clock may have ticked between.
   */
  private static boolean agree(String key, JsonObject one, JsonObject other) {
    if (one == null || other == null) return one == other;
    JsonObject a = comparable(key, one);
    JsonObject b = comparable(key, other);
    Integer slackA = a.getInteger("slack_hours");
    Integer slackB = b.getInteger("slack_hours");
    if (key.startsWith("task/") && slackA != null && slackB != null && Math.abs(slackA - slackB) <= 1) {
      a.remove("slack_hours");
      b.remove("slack_hours");
    }
    return a.equals(b);
  }

  private static JsonObject comparable(String key, JsonObject value) {
    JsonObject copy = value.copy();
    switch (key.substring(0, key.indexOf('/'))) {
      case "event" -> EVENT_PARTS_OF_OTHERS.forEach(copy::remove);
      case "budget_status" -> copy.remove("categories");
      case "file" -> SIGNED_LINK.forEach(copy::remove);
      case "contract" -> {
        copy.remove("download_url");
        if (copy.getJsonObject("file") != null) SIGNED_LINK.forEach(copy.getJsonObject("file")::remove);
      }
      default -> { }
    }
    return copy;
  }

  private JsonObject get(String path, String field) {
    JsonObject body = ok(api.get(path).token(token).send());
    return field == null ? body : body.getJsonObject(field);
  }

  private JsonObject getOrGone(String path, String field) {
    Answer answer = api.get(path).token(token).send();
    return answer.status() == 404 ? null : field == null ? ok(answer) : ok(answer).getJsonObject(field);
  }

  private JsonObject listed(String path, String list, String idField, String id) {
    return get(path, null).getJsonArray(list).stream().map(JsonObject.class::cast)
        .filter(item -> id.equals(item.getString(idField))).findFirst().orElse(null);
  }

  private JsonObject upload(String eventId, String fileName) {
    byte[] pdf = ("%PDF-1.4\n" + fileName + "\n").getBytes(StandardCharsets.US_ASCII);
    return created(RawUpload.whole(port, "/api/v1/events/" + eventId + "/files?bucket=event-documents", token, fileName, pdf));
  }

  private static JsonObject ok(Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  private static JsonObject created(Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json();
  }
}
