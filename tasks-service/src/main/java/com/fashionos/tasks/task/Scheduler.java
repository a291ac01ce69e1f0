package com.fashionos.tasks.task;

import com.fashionos.platform.db.Transaction;
import com.fashionos.tasks.plan.CriticalPath;
import com.fashionos.tasks.plan.TaskNode;
import com.fashionos.tasks.plan.TaskRules;
import com.fashionos.tasks.task.TaskRepository.Changed;
import com.fashionos.tasks.task.TaskRepository.Derived;
import com.fashionos.tasks.task.TaskRepository.StoredNode;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Draws the consequences of a change to an event's tasks, in the same transaction: the
 * dependency rule (block and unblock), the critical path, and the progress summary. They are the
 * system's doing, so their change records have no actor.
 */
final class Scheduler {
  private final TaskRepository tasks;

  Scheduler(TaskRepository tasks) {
    this.tasks = tasks;
  }

  /** Recomputes everything derived for the event; answers its progress percentage. */
  Future<Integer> recompute(Transaction tx, UUID eventId) {
    return tx.actAsService()
        .compose(v -> tasks.eventStart(tx.sql(), eventId))
        .compose(start -> tasks.nodes(tx.sql(), eventId).compose(stored -> {
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
          Map<UUID, CriticalPath.Schedule> schedule = start == null ? Map.of()
              : CriticalPath.compute(now, Instant.now(), start);
          List<Derived> derived = new ArrayList<>();
          for (StoredNode s : stored) {
            UUID id = s.node().id();
            CriticalPath.Schedule place = schedule.get(id);
            boolean critical = place != null && place.critical();
            Integer slack = place == null ? null : place.slackHours();
            if (!status.get(id).equals(s.node().status()) || blocked.get(id) != s.node().blockedByDependencies()
                || critical != s.critical() || !Objects.equals(slack, s.slackHours())) {
              derived.add(new Derived(id, status.get(id), blocked.get(id), critical, slack));
            }
          }
          return tasks.applyDerived(tx.sql(), derived)
              .compose(changed -> publishAll(tx, eventId, "event_tasks", changed))
              .compose(v -> tasks.saveProgress(tx.sql(), eventId, TaskRules.summary(now)))
              .compose(changed -> publishAll(tx, eventId, "event_progress", changed))
              .compose(v -> tasks.progress(tx.sql(), eventId));
        }));
  }

  static Future<Void> publishAll(Transaction tx, UUID eventId, String table, List<Changed> changed) {
    return tx.publishSystemChanges(eventId, table,
        changed.stream().map(c -> new io.vertx.core.json.JsonObject[] {c.row(), c.oldRow()}).toList());
  }
}
