package com.fashionos.tasks.task;

/** Which team's workflow a task belongs to. Travels as the lower-case name. */
public enum WorkflowCategory {
  EVENT_PLANNING, SPONSORSHIP, MARKETING, OPERATIONS, MEDIA
}
