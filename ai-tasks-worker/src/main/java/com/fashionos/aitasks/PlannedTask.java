package com.fashionos.aitasks;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One task of a generated plan. {@code key} is unique within the plan and stable for the same
 * input (task ids are derived from it, so a regenerated plan never duplicates tasks);
 * {@code dependsOn} lists keys of tasks of the same plan that must be done first.
 *
 * @param phase pre_production, venue_logistics, creative_design, on_site_operations, post_event
 * @param workflowCategory event_planning, sponsorship, marketing, operations, media
 * @param priority critical, high, medium, low
 */
public record PlannedTask(String key, String name, String description, String phase, String workflowCategory,
    String priority, OffsetDateTime deadline, int estimatedHours, List<String> dependsOn) {

  public static final List<String> PHASES =
      List.of("pre_production", "venue_logistics", "creative_design", "on_site_operations", "post_event");
  public static final List<String> WORKFLOW_CATEGORIES =
      List.of("event_planning", "sponsorship", "marketing", "operations", "media");
  public static final List<String> PRIORITIES = List.of("critical", "high", "medium", "low");
  public static final List<String> EVENT_TYPES = List.of("runway_show", "brand_activation", "pop_up", "trunk_show",
      "fashion_week", "panel", "launch_party");
  public static final int MIN_TASKS = 80;
  public static final int MAX_TASKS = 150;
}
