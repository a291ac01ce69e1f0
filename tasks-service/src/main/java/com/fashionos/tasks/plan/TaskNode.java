package com.fashionos.tasks.plan;

import java.util.List;
import java.util.UUID;

/** What the scheduling rules need of a task. {@code status} is the stored status's wire name. */
public record TaskNode(UUID id, String status, boolean blockedByDependencies, int estimatedHours,
    List<UUID> dependencies, String phase, boolean overdue) {

  public boolean isDone() {
    return "done".equals(status);
  }

  public boolean isCancelled() {
    return "cancelled".equals(status);
  }
}
