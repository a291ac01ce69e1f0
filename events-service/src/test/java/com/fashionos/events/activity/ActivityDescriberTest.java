package com.fashionos.events.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.events.activity.ActivityDescriber.Entry;
import com.fashionos.events.activity.ActivityDescriber.Names;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.RowChange;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ActivityDescriberTest {
  private static final UUID ACTOR = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  private static final UUID MEMBER = UUID.fromString("3f2b8c1e-6a4d-4e9b-9c1f-0a1b2c3d4e5f");
  private static final Instant T = Instant.parse("2026-06-15T12:00:00Z");
  private static final Names NAMES = new Names("Sarah Chen", "Marcus Lee", "Lumière Beauty", "Ava Stone");

  private static RowChange change(String table, Operation op, JsonObject newRow, JsonObject oldRow) {
    return RowChange.of(table, op, newRow, oldRow, ACTOR, T, T);
  }

  private static Entry describe(RowChange change) {
    return ActivityDescriber.describe(change, NAMES);
  }

  private static JsonObject event(String status) {
    return new JsonObject().put("id", "e1").put("name", "Spring Show").put("status", status)
        .put("venue_name", "Hall A").put("updated_at", "2026-06-14T00:00:00Z").put("version", 1);
  }

  // --- events

  @Test
  void eventCreated() {
    assertThat(describe(change("events", Operation.INSERT, event("draft"), null)))
        .isEqualTo(new Entry("event_created", "Sarah Chen created the event 'Spring Show'"));
  }

  @Test
  void eventUpdatedNamesTheHumanFields() {
    JsonObject after = event("draft").put("name", "Summer Show").put("venue_name", "Hall B").put("version", 2);
    assertThat(describe(change("events", Operation.UPDATE, after, event("draft"))))
        .isEqualTo(new Entry("event_updated", "Sarah Chen updated the event's name, venue name"));
  }

  @Test
  void eventArchived() {
    assertThat(describe(change("events", Operation.UPDATE, event("archived"), event("confirmed"))))
        .isEqualTo(new Entry("event_archived", "Sarah Chen archived the event"));
  }

  @Test
  void eventRestored() {
    assertThat(describe(change("events", Operation.UPDATE, event("draft"), event("archived"))))
        .isEqualTo(new Entry("event_restored", "Sarah Chen restored the event"));
  }

  @Test
  void eventStatusChanged() {
    assertThat(describe(change("events", Operation.UPDATE, event("in_progress"), event("confirmed"))))
        .isEqualTo(new Entry("event_status_changed", "Sarah Chen moved the event to in progress"));
  }

  // --- team

  private static JsonObject member(String userId, String role, String permissions) {
    JsonObject row = new JsonObject().put("id", "m1").put("event_id", "e1").put("role", role)
        .put("permissions", permissions);
    return userId == null ? row.putNull("user_id") : row.put("user_id", userId);
  }

  @Test
  void teamAdded() {
    assertThat(describe(change("event_team", Operation.INSERT, member(MEMBER.toString(), "production_manager", "edit"), null)))
        .isEqualTo(new Entry("team_added", "Sarah Chen added Marcus Lee to the team as production manager"));
  }

  @Test
  void creatorSeatingThemselvesAsLeadJoinsTheTeam() {
    // The member looked up is the actor themselves.
    Names self = new Names("Sarah Chen", "Sarah Chen", null, null);
    assertThat(ActivityDescriber.describe(
            change("event_team", Operation.INSERT, member(ACTOR.toString(), "event_lead", "admin"), null), self))
        .isEqualTo(new Entry("team_joined", "Sarah Chen joined the team as event lead"));
  }

  @Test
  void teamUpdated() {
    RowChange change = change("event_team", Operation.UPDATE,
        member(MEMBER.toString(), "creative_director", "admin"), member(MEMBER.toString(), "custom", "view_only"));
    assertThat(describe(change))
        .isEqualTo(new Entry("team_updated", "Sarah Chen made Marcus Lee creative director with admin access"));
  }

  @Test
  void teamJoinedWhenTheInvitationGetsAUser() {
    RowChange change = change("event_team", Operation.UPDATE,
        member(MEMBER.toString(), "casting_director", "edit"), member(null, "casting_director", "edit"));
    assertThat(describe(change)).isEqualTo(new Entry("team_joined", "Marcus Lee joined the team as casting director"));
  }

  @Test
  void teamLeftWhenTheActorRemovesThemselves() {
    RowChange change = change("event_team", Operation.DELETE, null, member(ACTOR.toString(), "custom", "view_only"));
    assertThat(describe(change)).isEqualTo(new Entry("team_left", "Marcus Lee left the team"));
  }

  @Test
  void teamRemovedWhenSomeoneElseIsRemoved() {
    RowChange change = change("event_team", Operation.DELETE, null, member(MEMBER.toString(), "custom", "view_only"));
    assertThat(describe(change)).isEqualTo(new Entry("team_removed", "Sarah Chen removed Marcus Lee from the team"));
  }

  @Test
  void teamWithoutKnownMemberOrRoleUsesFallbacks() {
    JsonObject row = new JsonObject().put("id", "m1").put("user_id", MEMBER.toString());
    Entry entry = ActivityDescriber.describe(change("event_team", Operation.INSERT, row, null),
        new Names(null, null, null, null));
    assertThat(entry).isEqualTo(new Entry("team_added", "Someone added someone to the team as custom"));
  }

  // --- sponsors and designers

  @Test
  void sponsorAddedAndRemoved() {
    JsonObject row = new JsonObject().put("id", "s1").put("sponsor_id", "x").put("tier", "gold");
    assertThat(describe(change("event_sponsors", Operation.INSERT, row, null)))
        .isEqualTo(new Entry("sponsor_added", "Sarah Chen added sponsor Lumière Beauty"));
    assertThat(describe(change("event_sponsors", Operation.DELETE, null, row)))
        .isEqualTo(new Entry("sponsor_removed", "Sarah Chen removed sponsor Lumière Beauty"));
  }

  @Test
  void sponsorUpdated() {
    JsonObject before = new JsonObject().put("id", "s1").put("sponsor_id", "x").put("tier", "gold");
    RowChange change = change("event_sponsors", Operation.UPDATE, before.copy().put("tier", "platinum"), before);
    assertThat(describe(change))
        .isEqualTo(new Entry("sponsor_updated", "Sarah Chen updated Lumière Beauty's tier"));
  }

  @Test
  void designerAddedAndRemoved() {
    JsonObject row = new JsonObject().put("id", "d1").put("designer_id", "y");
    assertThat(describe(change("event_designers", Operation.INSERT, row, null)))
        .isEqualTo(new Entry("designer_added", "Sarah Chen added designer Ava Stone"));
    assertThat(describe(change("event_designers", Operation.DELETE, null, row)))
        .isEqualTo(new Entry("designer_removed", "Sarah Chen removed designer Ava Stone"));
  }

  @Test
  void unknownSponsorOrDesignerName() {
    JsonObject row = new JsonObject().put("id", "d1");
    Names noNames = new Names("Sarah Chen", null, null, null);
    assertThat(ActivityDescriber.describe(change("event_designers", Operation.INSERT, row, null), noNames))
        .isEqualTo(new Entry("designer_added", "Sarah Chen added designer a designer"));
    assertThat(ActivityDescriber.describe(change("event_sponsors", Operation.DELETE, null, row), noNames))
        .isEqualTo(new Entry("sponsor_removed", "Sarah Chen removed sponsor a sponsor"));
  }

  // --- tasks

  private static JsonObject task(String status, String assignee) {
    return new JsonObject().put("id", "t1").put("name", "Finalize walk order").put("status", status)
        .put("assignee_id", assignee).put("due_at", "2026-06-10T00:00:00Z");
  }

  @Test
  void taskCreatedAndDeleted() {
    assertThat(describe(change("event_tasks", Operation.INSERT, task("todo", null), null)))
        .isEqualTo(new Entry("task_created", "Sarah Chen added task 'Finalize walk order'"));
    assertThat(describe(change("event_tasks", Operation.DELETE, null, task("todo", null))))
        .isEqualTo(new Entry("task_deleted", "Sarah Chen deleted task 'Finalize walk order'"));
  }

  @Test
  void taskCompleted() {
    assertThat(describe(change("event_tasks", Operation.UPDATE, task("done", "a"), task("in_progress", "a"))))
        .isEqualTo(new Entry("task_completed", "Sarah Chen completed task 'Finalize walk order'"));
  }

  @Test
  void taskStatusChanged() {
    assertThat(describe(change("event_tasks", Operation.UPDATE, task("in_progress", "a"), task("todo", "a"))))
        .isEqualTo(new Entry("task_status_changed", "Sarah Chen moved task 'Finalize walk order' to in progress"));
  }

  @Test
  void taskAssigned() {
    assertThat(describe(change("event_tasks", Operation.UPDATE, task("todo", "b"), task("todo", "a"))))
        .isEqualTo(new Entry("task_assigned", "Sarah Chen reassigned task 'Finalize walk order'"));
  }

  @Test
  void statusChangeWinsOverReassignment() {
    assertThat(describe(change("event_tasks", Operation.UPDATE, task("done", "b"), task("todo", "a"))).actionType())
        .isEqualTo("task_completed");
  }

  @Test
  void taskOtherwiseUpdated() {
    JsonObject before = task("todo", "a");
    RowChange change = change("event_tasks", Operation.UPDATE, before.copy().put("due_at", "2026-06-11T00:00:00Z"), before);
    assertThat(describe(change))
        .isEqualTo(new Entry("task_updated", "Sarah Chen updated the due at of task 'Finalize walk order'"));
  }

  // --- budget

  private static final Names MARCUS = new Names("Marcus Webb", null, null, null);

  private static JsonObject expense() {
    return new JsonObject().put("id", "x1").put("event_id", "e1").put("budget_category_id", "c1")
        .put("category", "production").put("name", "Lighting Package").put("amount", "20000.00")
        .put("currency", "USD").putNull("exchange_rate").put("amount_in_event_currency", "20000.00")
        .put("vendor_name", "Bright Rigs").put("paid_status", "pending").put("overdue", false)
        .put("updated_at", "2026-06-14T00:00:00Z").put("version", 1);
  }

  private static JsonObject category(String budgeted, String actual) {
    return new JsonObject().put("id", "c1").put("event_id", "e1").put("category", "production")
        .put("budgeted", budgeted).put("actual", actual).put("currency", "USD").put("version", 1);
  }

  @Test
  void expenseAdded() {
    assertThat(ActivityDescriber.describe(change("expenses", Operation.INSERT, expense(), null), MARCUS))
        .isEqualTo(new Entry("expense_added",
            "Marcus Webb added the expense 'Lighting Package' (20,000.00 USD) to production"));
  }

  @Test
  void expenseAmountAsAJsonNumberReadsTheSame() {
    JsonObject row = expense().put("amount", 1250.5).put("currency", "EUR").put("category", "catering");
    assertThat(ActivityDescriber.describe(change("expenses", Operation.INSERT, row, null), MARCUS).description())
        .isEqualTo("Marcus Webb added the expense 'Lighting Package' (1,250.50 EUR) to catering");
  }

  @Test
  void expenseUpdatedNamesWhatThePersonChanged() {
    // The amount in the event's currency follows the amount: it is not named again.
    JsonObject after = expense().put("amount", "22000.00").put("amount_in_event_currency", "22000.00")
        .put("vendor_name", "Stage Light Co").put("version", 2);
    assertThat(ActivityDescriber.describe(change("expenses", Operation.UPDATE, after, expense()), MARCUS))
        .isEqualTo(new Entry("expense_updated",
            "Marcus Webb updated the amount, vendor name of the expense 'Lighting Package'"));
  }

  @Test
  void expenseMovedToAnotherCategoryNamesTheCategory() {
    JsonObject after = expense().put("budget_category_id", "c2").put("category", "staffing");
    assertThat(ActivityDescriber.describe(change("expenses", Operation.UPDATE, after, expense()), MARCUS).description())
        .isEqualTo("Marcus Webb updated the category of the expense 'Lighting Package'");
  }

  @Test
  void expenseDeleted() {
    assertThat(ActivityDescriber.describe(change("expenses", Operation.DELETE, null, expense()), MARCUS))
        .isEqualTo(new Entry("expense_deleted",
            "Marcus Webb deleted the expense 'Lighting Package' (20,000.00 USD) from production"));
  }

  @Test
  void leadSetsACategoryBudget() {
    RowChange change = change("event_budget_categories", Operation.UPDATE, category("80000.00", "61000.00"),
        category("75000.00", "61000.00"));
    assertThat(describe(change)).isEqualTo(new Entry("budget_set", "Sarah Chen set the production budget to 80,000.00"));
  }

  @Test
  void leadCreatesACategoryWithItsBudget() {
    assertThat(describe(change("event_budget_categories", Operation.INSERT, category("5000.00", "0.00"), null)))
        .isEqualTo(new Entry("budget_set", "Sarah Chen set the production budget to 5,000.00"));
  }

  @Test
  void reallocation() {
    JsonObject row = new JsonObject().put("id", "r1").put("event_id", "e1").put("from_category", "marketing")
        .put("to_category", "production").put("amount", "5000.00").put("reason", "Lighting overrun")
        .put("created_by", ACTOR.toString());
    assertThat(describe(change("reallocations", Operation.INSERT, row, null)))
        .isEqualTo(new Entry("budget_reallocated", "Sarah Chen moved 5,000.00 from marketing to production"));
  }

  @Test
  void budgetBookkeepingIsNotAnEntry() {
    // The actual follows the expenses (already entries), whoever the change is attributed to.
    RowChange actualMoved = RowChange.of("event_budget_categories", Operation.UPDATE, category("75000.00", "81000.00"),
        category("75000.00", "61000.00"), null, T, T);
    assertThat(ActivityDescriber.describe(actualMoved, NAMES)).isNull();
    assertThat(describe(change("event_budget_categories", Operation.UPDATE, category("75000.00", "81000.00"),
        category("75000.00", "61000.00")))).isNull();
    RowChange wizardCategory = RowChange.of("event_budget_categories", Operation.INSERT, category("75000.00", "0.00"),
        null, null, T, T);
    assertThat(ActivityDescriber.describe(wizardCategory, NAMES)).isNull();
    JsonObject status = new JsonObject().put("event_id", "e1")
        .put("summary", new JsonObject().put("total_budgeted", "75000.00")).put("version", 2);
    assertThat(ActivityDescriber.describe(RowChange.of("budget_status", Operation.UPDATE, status,
        status.copy().put("version", 1), null, T, T), NAMES)).isNull();
    assertThat(describe(change("budget_status", Operation.INSERT, status, null))).isNull();
  }

  // --- everything else

  @Test
  void unknownTableFallsBackToAGenericSentence() {
    JsonObject row = new JsonObject().put("id", "x1").put("label", "VIP");
    assertThat(describe(change("event_ticket_tiers", Operation.INSERT, row, null)))
        .isEqualTo(new Entry("ticket_tier_added", "Sarah Chen added ticket tier"));
    assertThat(describe(change("event_ticket_tiers", Operation.UPDATE, row.copy().put("label", "VVIP"), row)))
        .isEqualTo(new Entry("ticket_tier_updated", "Sarah Chen updated ticket tier"));
    assertThat(describe(change("venues", Operation.DELETE, null, row)))
        .isEqualTo(new Entry("venue_removed", "Sarah Chen removed venue"));
  }

  @Test
  void changeWithoutActorIsNotAnEntry() {
    RowChange system = RowChange.of("events", Operation.INSERT, event("draft"), null, null, T, T);
    assertThat(ActivityDescriber.describe(system, NAMES)).isNull();
    RowChange systemTask = RowChange.of("event_tasks", Operation.UPDATE, task("done", null), task("todo", null),
        null, T, T);
    assertThat(ActivityDescriber.describe(systemTask, NAMES)).isNull();
  }

  @Test
  void unknownActorNameIsSomeone() {
    Entry entry = ActivityDescriber.describe(change("events", Operation.UPDATE, event("archived"), event("draft")),
        new Names(null, null, null, null));
    assertThat(entry).isEqualTo(new Entry("event_archived", "Someone archived the event"));
  }

  @Test
  void anOfflineTaskChangeThatLostIsExplained() {
    var lost = new com.fashionos.platform.change.ChangeSuperseded("event_tasks", "t1", "Fittings", List.of("status"),
        ACTOR, T, T);
    assertThat(ActivityDescriber.superseded(lost, "Sarah Chen")).isEqualTo(new Entry("change_superseded",
        "Sarah Chen's offline change to the status of task 'Fittings' was not applied: a newer change came first"));
  }
}
