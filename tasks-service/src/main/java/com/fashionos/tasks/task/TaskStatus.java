package com.fashionos.tasks.task;

/** The statuses a person sets (overdue is shown as a flag, derived from the deadline). Travels as the lower-case name. */
public enum TaskStatus {
  TO_DO, IN_PROGRESS, BLOCKED, DONE, CANCELLED
}
