package com.fashionos.tasks.task;

import com.fashionos.platform.db.NamedStatements;
import com.fashionos.platform.db.Patch;
import com.fashionos.platform.http.RequestBody;
import com.fashionos.tasks.plan.TaskNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** SQL of event_tasks and event_progress; statements in {@code TaskRepository.sql}. */
final class TaskRepository {
  static final NamedStatements SQL = NamedStatements.forClass(TaskRepository.class);

  /** A task as its reader sees it, with the per-field change times and whether they may edit it. */
  record FoundTask(JsonObject row, JsonObject fieldTimes, boolean canEdit) {}

  /** A row as it is after a change, and before it. */
  record Changed(JsonObject row, JsonObject oldRow) {}

  /** A page of the event's tasks by deadline; every task when {@code limit} is null. */
  Future<JsonObject> list(SqlConnection conn, UUID eventId, TaskPhase phase, String status, UUID assignee,
      Integer limit, int offset) {
    return conn.preparedQuery(SQL.get("list_tasks")).execute(Tuple.from(Arrays.asList(eventId,
            phase == null ? null : RequestBody.wireName(phase), status, assignee, limit, offset)))
        .map(TaskRepository::page);
  }

  Future<JsonObject> mine(SqlConnection conn, String status) {
    return conn.preparedQuery(SQL.get("my_tasks")).execute(Tuple.from(Arrays.asList(status))).map(TaskRepository::page);
  }

  private static JsonObject page(RowSet<Row> rows) {
    Row row = rows.iterator().next();
    return new JsonObject().put("tasks", (JsonArray) row.getValue("tasks")).put("total", row.getLong("total"));
  }

  /** The task as GET shows it, if it is a task of that event the caller can see; else null. */
  Future<JsonObject> view(SqlConnection conn, UUID eventId, UUID taskId) {
    return conn.preparedQuery(SQL.get("event_task_view")).execute(Tuple.of(taskId, eventId))
        .map(rows -> rows.rowCount() == 0 ? null : (JsonObject) rows.iterator().next().getValue("task"));
  }

  Future<JsonObject> view(SqlConnection conn, UUID taskId) {
    return conn.preparedQuery(SQL.get("task_view")).execute(Tuple.of(taskId))
        .map(rows -> rows.rowCount() == 0 ? null : (JsonObject) rows.iterator().next().getValue("task"));
  }

  /** Tasks as every answer shows them, by id (those the caller may read). */
  Future<Map<UUID, JsonObject>> views(SqlConnection conn, java.util.Collection<UUID> ids) {
    if (ids.isEmpty()) return Future.succeededFuture(Map.of());
    return conn.preparedQuery(SQL.get("task_views_of")).execute(Tuple.of(ids.toArray(new UUID[0]))).map(rows -> {
      Map<UUID, JsonObject> views = new HashMap<>();
      rows.forEach(r -> views.put(r.getUUID("id"), (JsonObject) r.getValue("task")));
      return views;
    });
  }

  /** The event's progress as every answer shows it. */
  Future<JsonObject> progressView(SqlConnection conn, UUID eventId) {
    return conn.preparedQuery(SQL.get("progress_view")).execute(Tuple.of(eventId))
        .map(rows -> (JsonObject) rows.iterator().next().getValue("progress"));
  }

  Future<FoundTask> find(SqlConnection conn, UUID eventId, UUID taskId, boolean lock) {
    return conn.preparedQuery(SQL.get(lock ? "lock_task" : "find_task")).execute(Tuple.of(taskId, eventId)).map(rows -> {
      if (rows.rowCount() == 0) return null;
      Row row = rows.iterator().next();
      return new FoundTask((JsonObject) row.getValue("row"), (JsonObject) row.getValue("field_times"),
          row.getBoolean("can_edit"));
    });
  }

  /** Each task of the event with its dependencies. */
  Future<Map<UUID, List<UUID>>> dependencies(SqlConnection conn, UUID eventId) {
    return conn.preparedQuery(SQL.get("dependencies_of_event")).execute(Tuple.of(eventId)).map(rows -> {
      Map<UUID, List<UUID>> graph = new HashMap<>();
      rows.forEach(r -> graph.put(r.getUUID("id"), List.of(r.getArrayOfUUIDs("dependencies"))));
      return graph;
    });
  }

  Future<JsonObject> insert(SqlConnection conn, UUID eventId, Map<String, Object> task, UUID createdBy,
      JsonObject fieldTimes) {
    return conn.preparedQuery(SQL.get("insert_task")).execute(Tuple.from(Arrays.asList(eventId, task.get("name"),
            task.get("description"), Patch.toSql(task.get("phase")), Patch.toSql(task.get("workflow_category")),
            Patch.toSql(task.get("priority")), task.get("assignee_id"), task.get("deadline"), Patch.toSql(task.get("dependencies")),
            task.get("estimated_hours"), createdBy, fieldTimes)))
        .map(rows -> (JsonObject) rows.iterator().next().getValue("row"));
  }

  Future<JsonObject> update(SqlConnection conn, UUID taskId, Map<String, Object> accepted, JsonObject stamps) {
    List<Object> args = Patch.args(taskId, TaskRequests.UPDATABLE, accepted);
    args.add(stamps);
    return conn.preparedQuery(SQL.get("update_task")).execute(Tuple.from(args))
        .map(rows -> (JsonObject) rows.iterator().next().getValue("row"));
  }

  /**
   * Inserts a plan batch's tasks in one statement, skipping those that exist (a batch delivered
   * twice); the ids of the tasks it added.
   */
  Future<Set<UUID>> insertPlanned(SqlConnection conn, UUID eventId, JsonArray planned, String source) {
    return conn.preparedQuery(SQL.get("insert_planned")).execute(Tuple.of(eventId, planned, source)).map(rows -> {
      Set<UUID> added = new HashSet<>();
      rows.forEach(r -> added.add(r.getUUID("id")));
      return added;
    });
  }

  /** The event's tasks as the rules see them, with their current derived values. */
  Future<List<StoredNode>> nodes(SqlConnection conn, UUID eventId) {
    return conn.preparedQuery(SQL.get("nodes")).execute(Tuple.of(eventId)).map(rows -> {
      List<StoredNode> nodes = new ArrayList<>();
      rows.forEach(r -> nodes.add(new StoredNode(new TaskNode(r.getUUID("id"), r.getString("status"),
          r.getBoolean("blocked_by_dependencies"), r.getInteger("estimated_hours"),
          List.of(r.getArrayOfUUIDs("dependencies")), r.getString("phase"), r.getBoolean("is_overdue")),
          r.getBoolean("is_critical_path"))));
      return nodes;
    });
  }

  /** A task as stored: its rule inputs and the critical-path flag last saved. */
  record StoredNode(TaskNode node, boolean critical) {}

  /** A derived value set for one task. */
  record Derived(UUID id, String status, boolean blocked, boolean critical) {}

  Future<List<Changed>> applyDerived(SqlConnection conn, List<Derived> derived) {
    if (derived.isEmpty()) return Future.succeededFuture(List.of());
    return conn.preparedQuery(SQL.get("apply_derived")).execute(Tuple.of(
            derived.stream().map(Derived::id).toArray(UUID[]::new),
            derived.stream().map(Derived::status).toArray(String[]::new),
            derived.stream().map(Derived::blocked).toArray(Boolean[]::new),
            derived.stream().map(Derived::critical).toArray(Boolean[]::new)))
        .map(TaskRepository::changed);
  }

  /** Saves the clock-free schedule of the event's open tasks (working hours each needs before the start). */
  Future<Void> saveSchedule(SqlConnection conn, UUID eventId, Map<UUID, Double> neededHours) {
    return conn.preparedQuery(SQL.get("save_schedule")).execute(Tuple.of(eventId,
            neededHours.keySet().toArray(new UUID[0]), neededHours.values().toArray(new Double[0])))
        .mapEmpty();
  }

  Future<List<Changed>> saveProgress(SqlConnection conn, UUID eventId, JsonObject summary) {
    return conn.preparedQuery(SQL.get("save_progress")).execute(Tuple.of(eventId, summary.getInteger("total"),
            summary.getInteger("done"), summary.getInteger("in_progress"), summary.getInteger("blocked"),
            summary.getInteger("overdue"), summary.getInteger("cancelled"), summary.getInteger("progress_percentage"),
            summary.getJsonObject("by_phase")))
        .map(TaskRepository::changed);
  }

  /**
   * Saves the progress of a plan being generated: the rules' summary and how much of the plan
   * (of {@code planned} tasks) is there, as one change.
   */
  Future<List<Changed>> savePlanProgress(SqlConnection conn, UUID eventId, JsonObject summary, int planned) {
    return conn.preparedQuery(SQL.get("save_plan_progress")).execute(Tuple.from(Arrays.asList(eventId,
            summary.getInteger("total"), summary.getInteger("done"), summary.getInteger("in_progress"),
            summary.getInteger("blocked"), summary.getInteger("overdue"), summary.getInteger("cancelled"),
            summary.getInteger("progress_percentage"), summary.getJsonObject("by_phase"), planned)))
        .map(TaskRepository::changed);
  }

  Future<Integer> progress(SqlConnection conn, UUID eventId) {
    return conn.preparedQuery(SQL.get("progress_of")).execute(Tuple.of(eventId))
        .map(rows -> rows.rowCount() == 0 ? 0 : rows.iterator().next().getInteger("progress_percentage"));
  }

  private static List<Changed> changed(RowSet<Row> rows) {
    List<Changed> changed = new ArrayList<>();
    rows.forEach(r -> changed.add(new Changed((JsonObject) r.getValue("row"), (JsonObject) r.getValue("old_row"))));
    return changed;
  }
}
