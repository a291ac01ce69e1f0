package com.fashionos.tasks;

import com.fashionos.platform.change.ResourceChange;

/**
 * tasks-service's public change records on {@code fashionos.tasks.v1} (version 2,
 * {@link ResourceChange}): each resource exactly as its REST GET answers it, built by the same
 * query. docs/change-records.md and docs/asyncapi.yaml describe them.
 */
public final class TasksChangeRecords {
  /** A task, as {@code GET /api/v1/events/{eventId}/tasks/{taskId}} answers it in {@code task}. */
  public static final ResourceChange.Kind TASK = new ResourceChange.Kind("tasks", "task");
  /** An event's task progress, as {@code GET /api/v1/events/{eventId}/tasks/progress} answers it in {@code progress}. */
  public static final ResourceChange.Kind EVENT_PROGRESS = new ResourceChange.Kind("tasks", "event_progress");

  private TasksChangeRecords() {}
}
