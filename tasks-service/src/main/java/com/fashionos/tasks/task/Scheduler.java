package com.fashionos.tasks.task;

import com.fashionos.platform.change.TaskBatch;
import com.fashionos.platform.db.Transaction;
import com.fashionos.tasks.TasksChangeRecords;
import com.fashionos.tasks.plan.CriticalPath;
import com.fashionos.tasks.plan.TaskNode;
import com.fashionos.tasks.plan.TaskRules;
import com.fashionos.tasks.task.TaskRepository.Changed;
import com.fashionos.tasks.task.TaskRepository.Derived;
import com.fashionos.tasks.task.TaskRepository.StoredNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Draws the consequences of a change to an event's tasks, in the same transaction: the
 * dependency rule (block and unblock), the critical path, and the progress summary. They are the
 * system's doing, so their change records have no actor.
 *
 * <p>Only what a reader sees change is written and published: a status the rule changed, a task
 * entering or leaving the path with the least slack, the progress. Slack itself depends on the
 * clock, so the clock-free part of the schedule is saved without a record and the slack is worked
 * out when a task is read (task_views), for the REST answer and the change record alike.
 */
final class Scheduler {
  private final TaskRepository tasks;

  Scheduler(TaskRepository tasks) {
    this.tasks = tasks;
  }

  /**
   * A task the change wrote itself (created, changed, generated, swept): one version-2 record
   * carries it as it is after the rules too. {@code before} is null for a new task.
   */
  record Written(UUID id, JsonObject before, boolean derived) {}

  /** Recomputes everything derived for the event; answers its progress percentage. */
  Future<Integer> recompute(Transaction tx, UUID eventId, List<Written> written) {
    return reschedule(tx, eventId, written, Set.of(), after -> Future.succeededFuture(),
        summary -> tasks.saveProgress(tx.sql(), eventId, summary))
        .compose(v -> tasks.progress(tx.sql(), eventId));
  }

  /**
   * Draws the consequences of a plan batch that added {@code added} (in one statement): its tasks,
   * as they are after the rules, are one plan_batch record (a few, for a huge batch), not a record
   * each; derived changes of earlier tasks and the progress, with the plan's generation, follow as
   * for any change.
   */
  Future<Void> applyPlan(Transaction tx, TaskBatch batch, Set<UUID> added) {
    UUID eventId = batch.eventId();
    return reschedule(tx, eventId, List.of(), added, after -> {
          List<JsonObject> tasksAdded = batch.tasks().stream()
              .map(task -> after.get(UUID.fromString(((JsonObject) task).getString("id"))))
              .filter(Objects::nonNull).toList();
          Future<Void> chain = Future.succeededFuture();
          for (JsonObject part : TasksChangeRecords.planBatches(batch, tasksAdded)) {
            chain = chain.compose(v -> tx.publishResourceChange(eventId, TasksChangeRecords.PLAN_BATCH, part, null, true));
          }
          return chain;
        },
        summary -> tasks.savePlanProgress(tx.sql(), eventId, summary, batch.totalTasks()));
  }

  /**
   * The rules over the event's tasks: saves what they derive and publishes it, with the tasks the
   * change wrote ({@code written}, a task record each) and those it added ({@code added}, which
   * {@code publishAdded} publishes from their views), then the progress {@code saveProgress} saves.
   */
  private Future<Void> reschedule(Transaction tx, UUID eventId, List<Written> written, Set<UUID> added,
      Function<Map<UUID, JsonObject>, Future<Void>> publishAdded,
      Function<JsonObject, Future<List<Changed>>> saveProgress) {
    return tx.actAsService()
        .compose(v -> tasks.nodes(tx.sql(), eventId))
        .compose(stored -> {
          Map<UUID, String> status = new HashMap<>();
          Map<UUID, Boolean> blocked = new HashMap<>();
          stored.forEach(s -> {
            status.put(s.node().id(), s.node().status());
            blocked.put(s.node().id(), s.node().blockedByDependencies());
          });
          for (TaskRules.StatusChange change : TaskRules.applyDependencies(stored.stream().map(StoredNode::node).toList())) {
            status.put(change.id(), change.status());
            blocked.put(change.id(), change.blockedByDependencies());
          }
          List<TaskNode> now = stored.stream().map(s -> {
            TaskNode n = s.node();
            return new TaskNode(n.id(), status.get(n.id()), blocked.get(n.id()), n.estimatedHours(), n.dependencies(),
                n.phase(), n.overdue() && !"done".equals(status.get(n.id())));
          }).toList();
          // Against a horizon of zero the schedule is the clock-free part; task_views adds the hours left.
          Map<UUID, CriticalPath.Schedule> schedule = CriticalPath.compute(now, 0);
          Map<UUID, Double> needed = new LinkedHashMap<>();
          schedule.forEach((id, place) -> needed.put(id, place.neededHours(0)));
          List<Derived> derived = new ArrayList<>();
          for (StoredNode s : stored) {
            UUID id = s.node().id();
            CriticalPath.Schedule place = schedule.get(id);
            boolean critical = place != null && place.leastSlack();
            if (!status.get(id).equals(s.node().status()) || blocked.get(id) != s.node().blockedByDependencies()
                || critical != s.critical()) {
              derived.add(new Derived(id, status.get(id), blocked.get(id), critical));
            }
          }
          Set<UUID> writtenIds = new LinkedHashSet<>();
          written.forEach(w -> writtenIds.add(w.id()));
          List<UUID> rescheduled = derived.stream().map(Derived::id)
              .filter(id -> !writtenIds.contains(id) && !added.contains(id)).toList();
          Set<UUID> all = new LinkedHashSet<>(writtenIds);
          all.addAll(added);
          all.addAll(rescheduled);
          return tasks.views(tx.sql(), rescheduled)
              .compose(before -> tasks.applyDerived(tx.sql(), derived)
                  // The added tasks' first values are part of their plan record, not changes of their own.
                  .map(changed -> changed.stream().filter(c -> !added.contains(UUID.fromString(c.row().getString("id"))))
                      .toList())
                  .compose(changed -> publishAll(tx, eventId, "event_tasks", changed))
                  .compose(v -> tasks.saveSchedule(tx.sql(), eventId, needed))
                  .compose(v -> tasks.views(tx.sql(), all))
                  .compose(after -> {
                    Future<Void> chain = Future.succeededFuture();
                    for (Written w : written) {
                      chain = chain.compose(v -> tx.publishResourceChange(eventId, TasksChangeRecords.TASK,
                          after.get(w.id()), w.before(), w.derived()));
                    }
                    chain = chain.compose(v -> added.isEmpty() ? Future.succeededFuture() : publishAdded.apply(after));
                    for (UUID id : rescheduled) {
                      chain = chain.compose(v -> tx.publishResourceChange(eventId, TasksChangeRecords.TASK,
                          after.get(id), before.get(id), true));
                    }
                    return chain;
                  }))
              .compose(v -> saveProgress(tx, eventId, () -> saveProgress.apply(TaskRules.summary(now))));
        });
  }

  /** Saves the event's progress with {@code save} and publishes what changed, as row and as resource. */
  Future<Void> saveProgress(Transaction tx, UUID eventId, Supplier<Future<List<Changed>>> save) {
    return tasks.progressView(tx.sql(), eventId).compose(before -> save.get().compose(changed -> changed.isEmpty()
        ? Future.succeededFuture()
        : publishAll(tx, eventId, "event_progress", changed)
            .compose(v -> tasks.progressView(tx.sql(), eventId))
            .compose(after -> tx.publishResourceChange(eventId, TasksChangeRecords.EVENT_PROGRESS, after,
                before.getLong("version") == 0 ? null : before, true))));
  }

  /** Version 1 records of derived row changes (the tables' rows, kept for their readers). */
  static Future<Void> publishAll(Transaction tx, UUID eventId, String table, List<Changed> changed) {
    return tx.publishSystemChanges(eventId, table,
        changed.stream().map(c -> new io.vertx.core.json.JsonObject[] {c.row(), c.oldRow()}).toList());
  }
}
