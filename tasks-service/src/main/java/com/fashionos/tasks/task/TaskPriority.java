package com.fashionos.tasks.task;

/** How much a task matters. Travels as the lower-case name. */
public enum TaskPriority {
  CRITICAL, HIGH, MEDIUM, LOW
}
