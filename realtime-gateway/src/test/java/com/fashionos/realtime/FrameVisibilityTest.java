package com.fashionos.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.ChangeSuperseded;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.ResourceChange;
import com.fashionos.platform.change.RowChange;
import com.fashionos.realtime.FrameVisibility.Permission;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rule itself, table by table, on frames built the way the gateway builds them. Which
 * subjects receive what over the wire, compared with REST: {@link LiveFeedPermissionTest}.
 */
class FrameVisibilityTest {
  private static final UUID EVENT = UUID.randomUUID();

  @Test
  void documentsAndContractsNeedEditEverythingElseAnyMember() {
    Map<String, Permission> expected = Map.ofEntries(
        Map.entry("storage_usage", Permission.VIEW_ONLY));
    expected.forEach((table, minimum) ->
        assertThat(FrameVisibility.minimum(rowFrame(table, new JsonObject().put("id", "x")))).as(table).isEqualTo(minimum));
    assertThat(FrameVisibility.minimum(resourceFrame("contract", new JsonObject().put("id", "x")))).isEqualTo(Permission.EDIT);
    assertThat(FrameVisibility.minimum(resourceFrame("file", file("event-images")))).isEqualTo(Permission.VIEW_ONLY);
    assertThat(FrameVisibility.minimum(resourceFrame("file", file("event-media")))).isEqualTo(Permission.VIEW_ONLY);
    assertThat(FrameVisibility.minimum(resourceFrame("file", file("event-documents")))).isEqualTo(Permission.EDIT);
    // A deleted file has only its old representation: still read by its bucket.
    ResourceChange deleted = ResourceChange.of("file", Operation.DELETE, null, file("event-documents"), null, Instant.now(),
        Instant.now());
    assertThat(FrameVisibility.minimum(frame(new ResourceChange.Kind("files", "file").type(), deleted.toJson())))
        .isEqualTo(Permission.EDIT);
    ResourceChange deletedImage = ResourceChange.of("file", Operation.DELETE, null, file("event-images"), null, Instant.now(),
        Instant.now());
    assertThat(FrameVisibility.minimum(frame(new ResourceChange.Kind("files", "file").type(), deletedImage.toJson())))
        .isEqualTo(Permission.VIEW_ONLY);
  }

  @Test
  void aResourceIsReadLikeItsTableAndReplacesThatTablesRowFrames() {
    for (String[] resource : new String[][] {{"task", "event_tasks"}, {"plan_batch", "event_tasks"},
        {"event_progress", "event_progress"},
        {"event", "events"}, {"team_member", "event_team"}, {"event_sponsor", "event_sponsors"},
        {"event_designer", "event_designers"}, {"activity_entry", "activity_logs"},
        {"budget_category", "event_budget_categories"}, {"expense", "expenses"}, {"reallocation", "reallocations"},
        {"budget_status", "budget_status"},
        {"file", "files"}, {"contract", "contracts"}}) {
      JsonObject frame = resourceFrame(resource[0], file("event-media"));
      assertThat(frame.getString("resource")).isEqualTo(resource[0]);
      assertThat(frame.getString("table")).as("kept for older clients").isEqualTo(resource[1]);
      assertThat(FrameVisibility.minimum(frame)).as(resource[0])
          .isEqualTo(resource[0].equals("contract") ? Permission.EDIT : Permission.VIEW_ONLY);
      assertThat(FrameVisibility.minimum(rowFrame(resource[1], file("event-media"))))
          .as("the row frame of " + resource[1]).isNull();
    }
    assertThat(FrameVisibility.minimum(resourceFrame("salary", new JsonObject().put("id", "x")))).isNull();
    // A lost offline edit of a task is still read like its table.
    ChangeSuperseded lost = new ChangeSuperseded("event_tasks", "t1", "Book venue", List.of("name"), UUID.randomUUID(),
        Instant.now(), Instant.now());
    assertThat(FrameVisibility.minimum(frame(ChangeSuperseded.type("tasks"), lost.toJson()))).isEqualTo(Permission.VIEW_ONLY);
  }

  @Test
  void whatTheRuleDoesNotKnowIsShownToNobody() {
    assertThat(FrameVisibility.minimum(rowFrame("salaries", new JsonObject().put("id", "x")))).isNull();
    assertThat(FrameVisibility.minimum(resourceFrame("file", file("event-secrets")))).isEqualTo(Permission.EDIT);
    assertThat(FrameVisibility.minimum(frame("com.fashionos.other.thing.v1", new JsonObject()))).isNull();
    // A field of the wrong type.
    assertThat(FrameVisibility.minimum(resourceFrame("file", new JsonObject().put("bucket", 7)))).isEqualTo(Permission.EDIT);
    ChangeFeed.Frame unknown = new ChangeFeed.Frame(null, 0, rowFrame("salaries", new JsonObject()));
    assertThat(List.of(Permission.values())).noneMatch(unknown::readableBy);
  }

  @Test
  void aSupersededChangeIsReadLikeItsTableAndAnEventCreatedByEveryMember() {
    ChangeSuperseded lost = new ChangeSuperseded("contracts", "c1", "Venue", List.of("amount"), UUID.randomUUID(),
        Instant.now(), Instant.now());
    assertThat(FrameVisibility.minimum(frame(ChangeSuperseded.type("files"), lost.toJson()))).isEqualTo(Permission.EDIT);
    assertThat(FrameVisibility.minimum(frame("com.fashionos.events.event.created.v1", new JsonObject())))
        .isEqualTo(Permission.VIEW_ONLY);
  }

  @Test
  void aTeamRowGivesAPermissionTheLeadAlwaysAdmin() {
    assertThat(Permission.of("event_lead", "view_only")).isEqualTo(Permission.ADMIN);
    assertThat(Permission.of("production_manager", "admin")).isEqualTo(Permission.ADMIN);
    assertThat(Permission.of("creative_director", "edit")).isEqualTo(Permission.EDIT);
    assertThat(Permission.of("marketing_lead", "view_only")).isEqualTo(Permission.VIEW_ONLY);
    ChangeFeed.Frame contract = new ChangeFeed.Frame(null, 0, resourceFrame("contract", new JsonObject().put("id", "x")));
    assertThat(contract.readableBy(Permission.VIEW_ONLY)).isFalse();
    assertThat(contract.readableBy(Permission.EDIT)).isTrue();
    assertThat(contract.readableBy(Permission.ADMIN)).isTrue();
    assertThat(contract.readableBy(null)).as("not yet known").isFalse();

    UUID user = UUID.randomUUID();
    JsonObject promoted = rowFrame("event_team", new JsonObject().put("user_id", user.toString())
        .put("role", "marketing_lead").put("permissions", "edit"));
    assertThat(FrameVisibility.standing(promoted)).contains(new FrameVisibility.Standing(user, Permission.EDIT));
    // The member as the team GET shows them: the same standing, whichever of the two frames comes first.
    ResourceChange member = ResourceChange.of("team_member", Operation.UPDATE, new JsonObject()
        .put("user_id", user.toString()).put("name", "Vera").put("role", "marketing_lead").put("permissions", "admin"),
        new JsonObject().put("user_id", user.toString()).put("name", "Vera").put("role", "marketing_lead")
            .put("permissions", "edit"), null, Instant.now(), Instant.now());
    assertThat(FrameVisibility.standing(frame(new ResourceChange.Kind("events", "team_member", "user_id").type(),
        member.toJson()))).contains(new FrameVisibility.Standing(user, Permission.ADMIN));
    assertThat(FrameVisibility.standing(rowFrame("events", new JsonObject().put("user_id", user.toString())))).isEmpty();
  }

  @Test
  void aRemovalRevokesByTheTeamRowOrTheTeamMemberResource() {
    UUID user = UUID.randomUUID();
    JsonObject row = new JsonObject().put("id", UUID.randomUUID().toString()).put("user_id", user.toString())
        .put("role", "marketing_lead").put("permissions", "edit");
    RowChange rowRemoved = RowChange.of("event_team", Operation.DELETE, null, row, null, Instant.now(), Instant.now());
    assertThat(ChangeFeed.revokedMember(ChangeRecord.of("/svc", RowChange.type("events", "event_team"), null, EVENT,
        rowRemoved.toJson()))).contains(user);
    JsonObject member = new JsonObject().put("user_id", user.toString()).put("name", "Vera").put("role", "marketing_lead")
        .put("permissions", "edit");
    ResourceChange removed = ResourceChange.of("team_member", Operation.DELETE, null, member, null, Instant.now(),
        Instant.now());
    String type = new ResourceChange.Kind("events", "team_member", "user_id").type();
    assertThat(ChangeFeed.revokedMember(ChangeRecord.of("/svc", type, null, EVENT, removed.toJson()))).contains(user);
    ResourceChange demoted = ResourceChange.of("team_member", Operation.UPDATE, member.copy().put("permissions", "view_only"),
        member, null, Instant.now(), Instant.now());
    assertThat(ChangeFeed.revokedMember(ChangeRecord.of("/svc", type, null, EVENT, demoted.toJson()))).isEmpty();
  }

  private static JsonObject file(String bucket) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("bucket", bucket).put("file_name", "a.pdf");
  }

  private static JsonObject rowFrame(String table, JsonObject row) {
    RowChange change = RowChange.of(table, Operation.INSERT, row, null, null, Instant.now(), Instant.now());
    return frame(RowChange.type("svc", table), change.toJson());
  }

  private static JsonObject resourceFrame(String resource, JsonObject value) {
    ResourceChange change = ResourceChange.of(resource, Operation.INSERT, value, null, null, Instant.now(), Instant.now());
    return frame(new ResourceChange.Kind("svc", resource).type(), change.toJson());
  }

  private static JsonObject frame(String type, JsonObject data) {
    ChangeRecord record = ChangeRecord.of("/svc", type, null, EVENT, data);
    return ChangeFeed.frame(record, new Cursor(Map.of()));
  }
}
