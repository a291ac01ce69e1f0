package com.fashionos.tasks.task;

import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.FieldClock;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.Patch;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.ApiException.FieldIssue;
import com.fashionos.platform.http.ApiResponse;
import com.fashionos.platform.http.QueryParams;
import com.fashionos.platform.http.RequestBody;
import com.fashionos.platform.http.Responses;
import com.fashionos.platform.membership.Membership;
import com.fashionos.tasks.plan.DependencyGraph;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** {@code /api/v1/events/{eventId}/tasks} and {@code /api/v1/me/tasks}. */
public final class TaskRoutes {
  private final Database database;
  private final Membership membership;
  private final TaskRepository tasks = new TaskRepository();
  private final Scheduler scheduler = new Scheduler(tasks);

  public TaskRoutes(Database database, Membership membership) {
    this.database = database;
    this.membership = membership;
  }

  public void mount(Router router) {
    router.route("/api/v1/events/:eventId/tasks*").handler(membership::ensureKnown);
    router.get("/api/v1/events/:eventId/tasks").handler(this::list);
    router.get("/api/v1/events/:eventId/tasks/progress").handler(this::progress);
    router.post("/api/v1/events/:eventId/tasks").handler(this::create);
    router.get("/api/v1/events/:eventId/tasks/:taskId").handler(this::detail);
    router.put("/api/v1/events/:eventId/tasks/:taskId").handler(this::update);
    router.delete("/api/v1/events/:eventId/tasks/:taskId").handler(this::cancel);
    router.get("/api/v1/me/tasks").handler(this::mine);
  }

  /** Recomputes an event's derived task data (dependency rule, critical path, progress) from scratch. */
  public Future<Integer> recalculate(Transaction tx, UUID eventId) {
    return scheduler.recompute(tx, eventId, List.of());
  }

  /** Every task of the event, or a page of them when {@code page} or {@code limit} is given. */
  private void list(RoutingContext ctx) {
    QueryParams.accept(ctx, "phase", "status", "assignee_id", "page", "limit");
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    TaskPhase phase = QueryParams.enumValue(ctx, "phase", TaskPhase.class);
    String status = statusFilter(ctx);
    UUID assignee = QueryParams.uuid(ctx, "assignee_id");
    boolean paged = ctx.queryParams().contains("page") || ctx.queryParams().contains("limit");
    int page = QueryParams.page(ctx);
    int limit = QueryParams.limit(ctx);
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> membership.visible(conn, eventId)
        .compose(v -> tasks.list(conn, eventId, phase, status, assignee, paged ? limit : null, (page - 1) * limit))
        .map(list -> ApiResponse.ok(paged ? pageOf(list, page, limit) : list))));
  }

  private static JsonObject pageOf(JsonObject list, int page, int limit) {
    long total = list.getLong("total");
    return list.put("page", page).put("limit", limit).put("pages", (total + limit - 1) / limit);
  }

  /** One task, as the list shows it and its change records carry it. */
  private void detail(RoutingContext ctx) {
    QueryParams.accept(ctx);
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    UUID taskId = QueryParams.pathUuid(ctx, "taskId");
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> membership.visible(conn, eventId)
        .compose(v -> tasks.view(conn, eventId, taskId)).map(task -> {
          if (task == null) throw ApiException.notFound("Task");
          return ApiResponse.ok(new JsonObject().put("task", task));
        })));
  }

  /** The event's task progress, as its change records carry it. */
  private void progress(RoutingContext ctx) {
    QueryParams.accept(ctx);
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> membership.visible(conn, eventId)
        .compose(v -> tasks.progressView(conn, eventId)).map(progress -> ApiResponse.ok(new JsonObject()
            .put("progress", progress)))));
  }

  private void mine(RoutingContext ctx) {
    QueryParams.accept(ctx, "status");
    String status = statusFilter(ctx);
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> tasks.mine(conn, status).map(ApiResponse::ok)));
  }

  /** The stored statuses, plus {@code overdue} (the derived flag). */
  private static String statusFilter(RoutingContext ctx) {
    String status = QueryParams.string(ctx, "status", 20);
    if (status == null || status.equals("overdue")) return status;
    TaskStatus parsed = QueryParams.enumValue(ctx, "status", TaskStatus.class);
    return RequestBody.wireName(parsed);
  }


  private void create(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    Map<String, Object> task = TaskRequests.newTask(RequestBody.of(ctx));
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> membership.visible(tx.sql(), eventId)
        .compose(v -> checkDependencies(tx.sql(), eventId, null, dependencies(task)))
        .compose(v -> tasks.insert(tx.sql(), eventId, task, tx.principal().userId(),
            FieldClock.stamp(TaskRequests.UPDATABLE, tx.mutation().actedAt())))
        .compose(row -> {
          UUID taskId = UUID.fromString(row.getString("id"));
          return tx.publishRowChange(eventId, "event_tasks", Operation.INSERT, row, null)
              .compose(v -> scheduler.recompute(tx, eventId, List.of(new Scheduler.Written(taskId, null, false))))
              .compose(progress -> tasks.view(tx.sql(), taskId))
              .map(view -> ApiResponse.created(new JsonObject().put("task_id", taskId.toString()).put("success", true)
                  .put("task", view)));
        })));
  }

  private void update(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    UUID taskId = QueryParams.pathUuid(ctx, "taskId");
    Map<String, Object> changes = TaskRequests.changes(RequestBody.of(ctx));
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> change(tx, eventId, taskId, changes)));
  }

  /** DELETE cancels: the task stays for history and stops counting towards progress. */
  private void cancel(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    UUID taskId = QueryParams.pathUuid(ctx, "taskId");
    Map<String, Object> changes = Map.of("status", TaskStatus.CANCELLED);
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> change(tx, eventId, taskId, changes)));
  }

  /**
   * 404 when the caller cannot see the task, 403 when they may not change it (or, as an
   * assignee who is not an editor, change more than status and actual hours: the database says
   * so), then last writer wins per field by acted time.
   */
  private Future<ApiResponse> change(Transaction tx, UUID eventId, UUID taskId, Map<String, Object> changes) {
    UUID me = tx.principal().userId();
    return tasks.find(tx.sql(), eventId, taskId, false).compose(found -> {
      if (found == null) throw ApiException.notFound("Task");
      if (!found.canEdit() && !me.toString().equals(found.row().getString("assignee_id"))) {
        throw ApiException.forbidden("Only editors of the event, or the task's assignee, can change this task");
      }
      return tasks.find(tx.sql(), eventId, taskId, true);
    }).compose(current -> tasks.view(tx.sql(), taskId).compose(before -> {
      Set<String> winners = FieldClock.winners(current.fieldTimes(), changes.keySet(), tx.mutation().actedAt());
      Map<String, Object> accepted = new LinkedHashMap<>();
      winners.forEach(f -> accepted.put(f, changes.get(f)));
      List<String> superseded = changes.keySet().stream().filter(f -> !winners.contains(f)).toList();
      Future<Void> checked = accepted.containsKey("dependencies")
          ? checkDependencies(tx.sql(), eventId, taskId, dependencies(accepted)) : Future.succeededFuture();
      return checked
          .compose(v -> accepted.isEmpty() ? Future.succeededFuture(current.row())
              : tasks.update(tx.sql(), taskId, accepted, FieldClock.stamp(accepted.keySet(), tx.mutation().actedAt())))
          .compose(row -> tx.publishRowChange(eventId, "event_tasks", Operation.UPDATE, row, current.row())
              .compose(v -> tx.publishSuperseded(eventId, "event_tasks", current.row(), superseded))
              .compose(v -> scheduler.recompute(tx, eventId, List.of(new Scheduler.Written(taskId, before, false))))
              .compose(progress -> tasks.view(tx.sql(), taskId).map(view -> ApiResponse.ok(new JsonObject()
                  .put("success", true).put("task", view).put("event_progress_updated", progress)
                  .put("updated_fields", new JsonArray(Patch.changed(accepted.keySet(), current.row(), row)))
                  .put("superseded_fields", new JsonArray(superseded))))));
    }));
  }

  @SuppressWarnings("unchecked")
  private static List<UUID> dependencies(Map<String, Object> task) {
    Object value = task.get("dependencies");
    return value == null ? List.of() : (List<UUID>) value;
  }

  /** Dependencies are tasks of the same event, not the task itself, and form no cycle (422 naming it). */
  private Future<Void> checkDependencies(SqlConnection conn, UUID eventId, UUID taskId, List<UUID> dependencies) {
    if (dependencies.isEmpty()) return Future.succeededFuture();
    return tasks.dependencies(conn, eventId).map(graph -> {
      List<FieldIssue> issues = new ArrayList<>();
      for (int i = 0; i < dependencies.size(); i++) {
        UUID dep = dependencies.get(i);
        if (dep.equals(taskId)) issues.add(new FieldIssue("dependencies[" + i + "]", "a task cannot depend on itself"));
        else if (!graph.containsKey(dep)) issues.add(new FieldIssue("dependencies[" + i + "]", "no task of this event"));
      }
      if (!issues.isEmpty()) {
        throw ApiException.unprocessable("dependency_invalid", "Dependencies must be other tasks of this event", issues);
      }
      if (taskId == null) return null;
      Map<UUID, List<UUID>> proposed = new HashMap<>(graph);
      proposed.put(taskId, dependencies);
      DependencyGraph.findCycle(proposed).ifPresent(cycle -> {
        throw ApiException.unprocessable("dependency_cycle",
            "These dependencies would form a cycle: " + cycle.stream().map(UUID::toString).collect(Collectors.joining(" -> ")),
            List.of(new FieldIssue("dependencies", "would form the cycle "
                + cycle.stream().map(UUID::toString).collect(Collectors.joining(" -> ")))));
      });
      return null;
    });
  }
}
