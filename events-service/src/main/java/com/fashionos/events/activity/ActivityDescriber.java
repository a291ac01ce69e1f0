package com.fashionos.events.activity;

import com.fashionos.platform.change.ChangeSuperseded;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.RowChange;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a row change into the sentence the team activity feed shows ("Sarah Chen completed task
 * 'Finalize walk order'"). Pure: the names it mentions are looked up beforehand.
 */
final class ActivityDescriber {
  /** Expense fields that follow from others a person changed; naming them again says nothing. */
  private static final Set<String> DERIVED_EXPENSE_FIELDS = Set.of("amount_in_event_currency", "budget_category_id", "overdue");

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
      case "expenses" -> expense(change, actor, row);
      case "event_budget_categories" -> budgetSet(change, actor, row);
      case "reallocations" -> reallocation(change, actor, row);
      // The totals and alerts budget-service works out after each change: the change itself is the entry.
      case "budget_status" -> null;
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

  private static Entry expense(RowChange change, String actor, JsonObject row) {
    String expense = "the expense '" + row.getString("name", "an expense") + "'";
    String currency = row.getString("currency");
    String amount = " (" + money(row.getValue("amount")) + (currency == null ? "" : " " + currency) + ")";
    String category = human(row.getString("category", "a category"));
    return switch (change.operation()) {
      case INSERT -> new Entry("expense_added", actor + " added " + expense + amount + " to " + category);
      case UPDATE -> {
        List<String> changed = change.changedFields().stream().filter(f -> !DERIVED_EXPENSE_FIELDS.contains(f)).toList();
        yield new Entry("expense_updated", actor + " updated the "
            + fields(changed.isEmpty() ? change.changedFields() : changed) + " of " + expense);
      }
      case DELETE -> new Entry("expense_deleted", actor + " deleted " + expense + amount + " from " + category);
    };
  }

  /**
   * Only a budgeted amount a person set: a category's actual follows its expenses, which are entries
   * of their own.
   */
  private static Entry budgetSet(RowChange change, String actor, JsonObject row) {
    if (change.operation() == Operation.DELETE || !change.changedFields().contains("budgeted")) return null;
    return new Entry("budget_set", actor + " set the " + human(row.getString("category")) + " budget to "
        + money(row.getValue("budgeted")));
  }

  /** Reallocations are only ever added: each is the record of one move. */
  private static Entry reallocation(RowChange change, String actor, JsonObject row) {
    if (change.operation() != Operation.INSERT) return null;
    return new Entry("budget_reallocated", actor + " moved " + money(row.getValue("amount")) + " from "
        + human(row.getString("from_category")) + " to " + human(row.getString("to_category")));
  }

  /** 20000 as "20,000.00", whether the row carries the amount as a decimal string or a number. */
  private static String money(Object amount) {
    if (amount == null) return "an amount";
    return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT))
        .format(new BigDecimal(amount.toString()));
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
