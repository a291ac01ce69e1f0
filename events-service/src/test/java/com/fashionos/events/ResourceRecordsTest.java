package com.fashionos.events;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.PoisonRecords;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.ResourceChange;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every version-2 record of events-service carries its resource exactly as the REST GET answers
 * it: for each resource and each operation the API allows, {@code new} is the GET body after the
 * change and {@code old} the GET body before it; one change, one record of the resource.
 */
class ResourceRecordsTest extends EventsServiceTest {
  /** What the event detail embeds that other resources carry: not in the {@code event} record. */
  private static final List<String> OTHER_RESOURCES =
      List.of("team", "sponsors", "designers", "progress", "tasks_summary", "budget");
  static User sarah;
  static User marcus;
  static User jordan;
  static ChangeRecordReader reader;

  @BeforeAll
  static void start() {
    sarah = service.users.create("Sarah Chen");
    marcus = service.users.create("Marcus Webb");
    jordan = service.users.create("Jordan Lee");
    service.touch(marcus);
    service.touch(jordan);
    reader = new ChangeRecordReader(service.kafka, Topics.EVENTS.name());
  }

  @AfterAll
  static void stop() {
    reader.close();
  }

  @Test
  void theEventRecordIsTheDetailWithoutWhatOtherResourcesCarry() {
    String venue = directory("venue",
        new JsonObject().put("name", "Palazzo Reale").put("location", "Milan, Italy").put("capacity", 800));
    String id = service.createEvent(sarah, EventsServiceUnderTest.newEvent("Resource show").put("venue_id", venue));
    JsonObject created = event(id);
    ResourceChange insert = next(id, "event", 0);
    assertThat(insert.operation()).isEqualTo(Operation.INSERT);
    assertThat(insert.newValue()).isEqualTo(created);
    assertThat(insert.oldValue()).isNull();
    assertThat(insert.version()).isEqualTo(1);
    assertThat(record(id, "event", 0).subject()).isEqualTo("event/" + id);

    expectOk(service.api.put("/api/v1/events/" + id).token(sarah.token())
        .json(new JsonObject().put("name", "Resource show, renamed").put("description", "On the runway")).send());
    JsonObject renamed = event(id);
    ResourceChange update = next(id, "event", 1);
    assertThat(update.operation()).isEqualTo(Operation.UPDATE);
    assertThat(update.oldValue()).isEqualTo(created);
    assertThat(update.newValue()).isEqualTo(renamed);
    assertThat(update.changedFields()).containsExactlyInAnyOrder("name", "description");

    expectOk(service.api.delete("/api/v1/events/" + id).token(sarah.token()).send());
    JsonObject archived = event(id);
    ResourceChange archive = next(id, "event", 2);
    assertThat(archive.oldValue()).isEqualTo(renamed);
    assertThat(archive.newValue()).isEqualTo(archived);
    assertThat(archived.getString("status")).isEqualTo("archived");

    expectOk(service.api.post("/api/v1/events/" + id + "/restore").token(sarah.token()).send());
    JsonObject restored = event(id);
    ResourceChange restore = next(id, "event", 3);
    assertThat(restore.oldValue()).isEqualTo(archived);
    assertThat(restore.newValue()).isEqualTo(restored);

    // tasks-service's progress moves the detail's progress, not the event: no record, no new version.
    try (PoisonRecords topics = new PoisonRecords(service.kafka)) {
      topics.publish(Topics.TASKS, progress(UUID.fromString(id), 40));
    }
    eventually("the progress applied", () -> detail(id).getInteger("progress"), progress -> progress == 40);
    assertThat(event(id)).isEqualTo(restored);
    expectOk(service.api.put("/api/v1/events/" + id).token(sarah.token())
        .json(new JsonObject().put("name", "After progress")).send());
    ResourceChange afterProgress = next(id, "event", 4);
    assertThat(afterProgress.oldValue()).as("the record after the restore is this rename").isEqualTo(restored);
    assertThat(afterProgress.newValue()).isEqualTo(event(id));
    assertThat(afterProgress.version()).isEqualTo(restore.version() + 1);
  }

  @Test
  void theWizardPublishesEachMemberSponsorAndDesignerAsGetShowsThem() {
    String sponsor = directory("sponsor", new JsonObject().put("company_name", "Record Sponsor Co").put("tier", "gold"));
    String designer = directory("designer", new JsonObject().put("name", "Ada Ferri"));
    String id = service.createEvent(sarah, EventsServiceUnderTest.newEvent("Wizard records")
        .put("team_members", new JsonArray().add(new JsonObject().put("user_id", marcus.id().toString())
            .put("role", "production_manager").put("permissions", "edit")))
        .put("sponsor_ids", new JsonArray().add(sponsor))
        .put("designer_ids", new JsonArray().add(designer)));
    JsonObject detail = detail(id);
    JsonArray team = detail.getJsonArray("team");
    assertThat(team).hasSize(2);
    for (int i = 0; i < team.size(); i++) {
      ResourceChange member = next(id, "team_member", i);
      assertThat(member.operation()).isEqualTo(Operation.INSERT);
      assertThat(member.newValue()).isEqualTo(team.getJsonObject(i));
      assertThat(record(id, "team_member", i).subject()).isEqualTo("team_member/" + team.getJsonObject(i).getString("user_id"));
    }
    assertThat(next(id, "event_sponsor", 0).newValue()).isEqualTo(detail.getJsonArray("sponsors").getJsonObject(0))
        .isEqualTo(links(id, "sponsors").getJsonObject(0));
    assertThat(next(id, "event_designer", 0).newValue()).isEqualTo(detail.getJsonArray("designers").getJsonObject(0))
        .isEqualTo(links(id, "designers").getJsonObject(0));
  }

  @Test
  void teamMembersAreAddedChangedRemovedAndJoinAsTheTeamGetShowsThem() {
    String id = service.createEvent(sarah, EventsServiceUnderTest.newEvent("Team records"));
    next(id, "team_member", 0); // the lead

    Answer added = service.api.post("/api/v1/events/" + id + "/team").token(sarah.token())
        .json(new JsonObject().put("user_id", marcus.id().toString()).put("role", "sponsor_liaison")
            .put("permissions", "view_only")).send();
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    JsonObject member = teamMember(id, marcus);
    ResourceChange insert = next(id, "team_member", 1);
    assertThat(insert.newValue()).isEqualTo(member).isEqualTo(added.json().getJsonObject("member"));
    assertThat(insert.oldValue()).isNull();

    expectOk(service.api.put("/api/v1/events/" + id + "/team/" + marcus.id()).token(sarah.token())
        .json(new JsonObject().put("permissions", "edit")).send());
    JsonObject promoted = teamMember(id, marcus);
    ResourceChange update = next(id, "team_member", 2);
    assertThat(update.operation()).isEqualTo(Operation.UPDATE);
    assertThat(update.oldValue()).isEqualTo(member);
    assertThat(update.newValue()).isEqualTo(promoted);
    assertThat(update.changedFields()).containsExactly("permissions");

    expectOk(service.api.delete("/api/v1/events/" + id + "/team/" + marcus.id()).token(sarah.token()).send());
    ResourceChange delete = next(id, "team_member", 3);
    assertThat(delete.operation()).isEqualTo(Operation.DELETE);
    assertThat(delete.oldValue()).isEqualTo(promoted);
    assertThat(delete.newValue()).isNull();

    Answer invited = service.api.post("/api/v1/events/" + id + "/team").token(sarah.token())
        .json(new JsonObject().put("email", "jordan.records@corp.example").put("role", "casting_director")
            .put("permissions", "edit")).send();
    assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
    expectOk(service.api.post("/api/v1/invitations/accept").token(jordan.token())
        .json(new JsonObject().put("token", invited.json().getJsonObject("invitation").getString("token"))).send());
    ResourceChange joined = next(id, "team_member", 4);
    assertThat(joined.operation()).isEqualTo(Operation.INSERT);
    assertThat(joined.newValue()).isEqualTo(teamMember(id, jordan));
  }

  @Test
  void sponsorsAndDesignersAreAddedChangedAndRemovedAsTheirGetShowsThem() {
    String id = service.createEvent(sarah, EventsServiceUnderTest.newEvent("Link records"));
    String sponsor = directory("sponsor", new JsonObject().put("company_name", "Linked Sponsor Co").put("tier", "silver"));
    String designer = directory("designer", new JsonObject().put("name", "Bea Conti"));
    for (String[] kind : new String[][] {
        {"sponsors", "sponsor_id", sponsor, "event_sponsor", "amount", "250000.00"},
        {"designers", "designer_id", designer, "event_designer", "number_of_looks", "12"}}) {
      String path = "/api/v1/events/" + id + "/" + kind[0];
      Answer added = service.api.post(path).token(sarah.token()).json(new JsonObject().put(kind[1], kind[2])).send();
      assertThat(added.status()).as(added.toString()).isEqualTo(201);
      JsonObject link = links(id, kind[0]).getJsonObject(0);
      ResourceChange insert = next(id, kind[3], 0);
      assertThat(insert.newValue()).isEqualTo(link);
      assertThat(insert.oldValue()).isNull();
      assertThat(record(id, kind[3], 0).subject()).isEqualTo(kind[3] + "/" + kind[2]);

      Object value = kind[4].equals("amount") ? kind[5] : (Object) Integer.parseInt(kind[5]);
      expectOk(service.api.put(path + "/" + kind[2]).token(sarah.token()).json(new JsonObject().put(kind[4], value)).send());
      JsonObject changed = links(id, kind[0]).getJsonObject(0);
      ResourceChange update = next(id, kind[3], 1);
      assertThat(update.oldValue()).isEqualTo(link);
      assertThat(update.newValue()).isEqualTo(changed);
      assertThat(update.newValue().getValue(kind[4])).as("as GET answers it (money as a decimal string)").isEqualTo(value);

      expectOk(service.api.delete(path + "/" + kind[2]).token(sarah.token()).send());
      ResourceChange delete = next(id, kind[3], 2);
      assertThat(delete.operation()).isEqualTo(Operation.DELETE);
      assertThat(delete.oldValue()).isEqualTo(changed);
      assertThat(delete.newValue()).isNull();
    }
  }

  @Test
  void eachActivityEntryIsPublishedAsTheFeedShowsIt() {
    String id = service.createEvent(sarah, EventsServiceUnderTest.newEvent("Feed records"));
    expectOk(service.api.put("/api/v1/events/" + id).token(sarah.token())
        .json(new JsonObject().put("name", "Feed records, renamed")).send());
    JsonArray feed = eventually("the rename in the feed", () -> service.api.get("/api/v1/events/" + id + "/activity")
        .token(sarah.token()).send().json().getJsonArray("activity"), entries -> entries.stream()
            .anyMatch(e -> "event_updated".equals(((JsonObject) e).getString("action_type"))));
    assertThat(feed).isNotEmpty();
    for (Object item : feed) {
      JsonObject entry = (JsonObject) item;
      assertThat(entry.getString("user_name")).isEqualTo("Sarah Chen");
      ResourceChange published = ResourceChange.fromJson(reader.await(r -> isResource(r, id, "activity_entry")
          && entry.getString("id").equals(ResourceChange.fromJson(r.data()).value().getString("id"))).data());
      assertThat(published.operation()).isEqualTo(Operation.INSERT);
      assertThat(published.newValue()).isEqualTo(entry);
      assertThat(published.actor()).as("derived by the feed").isNull();
    }
  }

  /** The event's {@code index}-th version-2 record of the resource (waiting for it), as a change. */
  private static ResourceChange next(String eventId, String resource, int index) {
    return ResourceChange.fromJson(record(eventId, resource, index).data());
  }

  private static ChangeRecord record(String eventId, String resource, int index) {
    return eventually("record " + index + " of " + resource, () -> {
      reader.poll(Duration.ofMillis(200));
      List<ChangeRecord> records = reader.recordsOf(eventId).stream().filter(r -> isResource(r, eventId, resource)).toList();
      return records.size() > index ? records.get(index) : null;
    }, record -> true);
  }

  private static boolean isResource(ChangeRecord record, String eventId, String resource) {
    return ResourceChange.isResourceChange(record.type()) && eventId.equals(String.valueOf(record.eventId()))
        && resource.equals(record.data().getString("resource"))
        && record.type().equals("com.fashionos.events." + resource + ".changed.v2");
  }

  private static JsonObject detail(String id) {
    Answer answer = service.api.get("/api/v1/events/" + id).token(sarah.token()).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json().getJsonObject("event");
  }

  /** The event as its record carries it: the detail without the other resources' parts. */
  private static JsonObject event(String id) {
    JsonObject event = detail(id);
    OTHER_RESOURCES.forEach(event::remove);
    return event;
  }

  private static JsonObject teamMember(String id, User user) {
    return service.api.get("/api/v1/events/" + id + "/team").token(sarah.token()).send().array("team").stream()
        .map(JsonObject.class::cast).filter(m -> user.id().toString().equals(m.getString("user_id")))
        .findFirst().orElseThrow();
  }

  private static JsonArray links(String id, String plural) {
    return service.api.get("/api/v1/events/" + id + "/" + plural).token(sarah.token()).send().array(plural);
  }

  private static String directory(String kind, JsonObject body) {
    return service.directoryEntry(sarah, kind, body);
  }

  /** tasks-service's record of an event's progress (the row its summary projection reads). */
  private static ChangeRecord progress(UUID eventId, int percentage) {
    JsonObject row = EventsPoisonRecordTest.progress(eventId, percentage);
    return ChangeRecord.of("/fashionos/tasks-service", RowChange.type("tasks", "event_progress"), null, eventId,
        RowChange.of("event_progress", Operation.UPDATE, row, new JsonObject(), null, Instant.now(), Instant.now()).toJson());
  }

  private static void expectOk(Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
  }
}
