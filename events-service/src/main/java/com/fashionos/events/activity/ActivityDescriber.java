package com.fashionos.events.activity;

import com.fashionos.platform.change.ChangeSuperseded;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.RowChange;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns a row change into the sentence the team activity feed shows ("Sarah Chen completed task
 * 'Finalize walk order'"). Pure: the names it mentions are looked up beforehand.
 */
final class ActivityDescriber {
  /** Who and what an entry may mention. */
  record Names(String actor, String member, String sponsor, String designer) {}

  /** An entry: its action type (the feed's filter) and sentence. */
  record Entry(String actionType, String description) {}

  private ActivityDescriber() {}

  /** The entry for a change, or null when it is nothing a person did (system bookkeeping). */
  static Entry describe(RowChange change, Names names) {
    if (change.actor() == null) return null;
    String actor = names.actor() == null ? "Someone" : names.actor();
    JsonObject row = change.row();
    return switch (change.table()) {
      case "events" -> event(change, actor, row);
      case "event_team" -> team(change, actor, names.member() == null ? "someone" : names.member(), row);
      case "event_sponsors" -> link(change, actor, "sponsor", names.sponsor());
      case "event_designers" -> link(change, actor, "designer", names.designer());
      case "event_tasks" -> task(change, actor, row);
      default -> new Entry(singular(change.table()) + "_" + past(change.operation()),
          actor + " " + past(change.operation()) + " " + human(singular(change.table())));
    };
  }

  /** An offline change that lost to newer ones, so the team sees why it did not stick. */
  static Entry superseded(ChangeSuperseded lost, String actorName) {
    String what = "events".equals(lost.table()) ? "the event"
        : "event_tasks".equals(lost.table()) ? "task '" + lost.rowName() + "'" : human(singular(lost.table()));
    return new Entry("change_superseded", (actorName == null ? "Someone" : actorName) + "'s offline change to the "
        + fields(lost.fields()) + " of " + what + " was not applied: a newer change came first");
  }

  private static Entry event(RowChange change, String actor, JsonObject row) {
    if (change.operation() == Operation.INSERT) {
      return new Entry("event_created", actor + " created the event '" + row.getString("name") + "'");
    }
    String before = change.oldRow() == null ? null : change.oldRow().getString("status");
    String after = row.getString("status");
    if (!Objects.equals(before, after)) {
      if ("archived".equals(after)) return new Entry("event_archived", actor + " archived the event");
      if ("archived".equals(before)) return new Entry("event_restored", actor + " restored the event");
      return new Entry("event_status_changed", actor + " moved the event to " + human(after));
    }
    return new Entry("event_updated", actor + " updated the event's " + fields(change.changedFields()));
  }

  private static Entry team(RowChange change, String actor, String member, JsonObject row) {
    String role = human(row.getString("role", "custom"));
    return switch (change.operation()) {
      case INSERT -> Objects.equals(row.getString("user_id"), String.valueOf(change.actor()))
          ? new Entry("team_joined", member + " joined the team as " + role)
          : new Entry("team_added", actor + " added " + member + " to the team as " + role);
      case UPDATE -> change.changedFields().contains("user_id")
          ? new Entry("team_joined", member + " joined the team as " + role)
          : new Entry("team_updated", actor + " made " + member + " " + role + " with "
              + human(row.getString("permissions", "view_only")) + " access");
      case DELETE -> Objects.equals(row.getString("user_id"), String.valueOf(change.actor()))
          ? new Entry("team_left", member + " left the team")
          : new Entry("team_removed", actor + " removed " + member + " from the team");
    };
  }

  private static Entry link(RowChange change, String actor, String kind, String name) {
    String who = name == null ? "a " + kind : name;
    return switch (change.operation()) {
      case INSERT -> new Entry(kind + "_added", actor + " added " + kind + " " + who);
      case UPDATE -> new Entry(kind + "_updated", actor + " updated " + who + "'s " + fields(change.changedFields()));
      case DELETE -> new Entry(kind + "_removed", actor + " removed " + kind + " " + who);
    };
  }

  private static Entry task(RowChange change, String actor, JsonObject row) {
    String task = "'" + row.getString("name", "a task") + "'";
    if (change.operation() == Operation.INSERT) return new Entry("task_created", actor + " added task " + task);
    if (change.operation() == Operation.DELETE) return new Entry("task_deleted", actor + " deleted task " + task);
    if (change.changedFields().contains("status")) {
      String status = row.getString("status");
      if ("done".equals(status)) return new Entry("task_completed", actor + " completed task " + task);
      return new Entry("task_status_changed", actor + " moved task " + task + " to " + human(status));
    }
    if (change.changedFields().contains("assignee_id")) {
      return new Entry("task_assigned", actor + " reassigned task " + task);
    }
    return new Entry("task_updated", actor + " updated the " + fields(change.changedFields()) + " of task " + task);
  }

  private static String fields(List<String> fields) {
    return fields.stream().map(ActivityDescriber::human).collect(Collectors.joining(", "));
  }

  private static String human(String wire) {
    return wire == null ? "" : wire.replace('_', ' ');
  }

  private static String past(Operation operation) {
    return switch (operation) {
      case INSERT -> "added";
      case UPDATE -> "updated";
      case DELETE -> "removed";
    };
  }

  private static String singular(String table) {
    String name = table.startsWith("event_") ? table.substring(6) : table;
    return name.endsWith("s") ? name.substring(0, name.length() - 1).toLowerCase(Locale.ROOT) : name;
  }
}
