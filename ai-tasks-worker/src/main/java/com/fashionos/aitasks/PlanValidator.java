package com.fashionos.aitasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Turns a model's JSON answer ({@code {"tasks":[{key, name, description, phase, workflow_category,
 * priority, deadline, estimated_hours, depends_on}]}}) into a plan that keeps every promise of
 * {@link TaskPlanner}, or rejects it. Pure: no I/O, no clock.
 *
 * <p>The rules, in order:
 * <ul>
 *   <li>Not JSON, or no {@code tasks} array: rejected.
 *   <li>A task is dropped when a required field is missing or unusable: no name, a phase, workflow
 *       category or priority outside the allowed lists (after normalising case, blanks and
 *       hyphens, so "Post Event" is post_event), a deadline that does not parse, or a
 *       non-numeric estimate. A plan left with fewer than {@link PlannedTask#MIN_TASKS} tasks is
 *       rejected.
 *   <li>Keys are normalised to lower-case snake case (a missing key is made from the name);
 *       a repeated key gets a suffix ({@code _2}, {@code _3}, ...); references to it keep
 *       pointing at its first holder, which is all a reader of the answer could know.
 *   <li>Above {@link PlannedTask#MAX_TASKS}, the lowest-priority tasks are dropped (the last
 *       ones of a priority first), keeping the answer's order.
 *   <li>A deadline without an offset takes the event start's offset (a bare date means the start
 *       of that day). A deadline at or after the event start, other than a post_event one, is
 *       moved to one day before the start.
 *   <li>Estimates are rounded and clamped to {@value #MIN_HOURS}..{@value #MAX_HOURS} hours.
 *   <li>Dependencies on unknown keys, on the task itself, or repeated ones are dropped; each
 *       cycle is broken by dropping the edge that closes it (depth-first, in the answer's order).
 * </ul>
 */
final class PlanValidator {
  static final int MIN_HOURS = 1;
  static final int MAX_HOURS = 400;
  // Task ids are derived from keys; a bound keeps a rambling model from making huge ones.
  static final int MAX_KEY_LENGTH = 64;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The usable plan and a human-readable line per repair made (for the logs). */
  record Result(List<PlannedTask> tasks, List<String> repairs) {}

  private PlanValidator() {}

  static Result validate(String json, PlanRequest request) {
    JsonNode root;
    try {
      root = JSON.readTree(json == null ? "" : json);
    } catch (JsonProcessingException e) {
      throw new PlanRejectedException("the answer is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.path("tasks").isArray()) {
      throw new PlanRejectedException("the answer has no \"tasks\" array");
    }
    List<String> repairs = new ArrayList<>();
    List<Draft> drafts = new ArrayList<>();
    int position = 0;
    for (JsonNode node : root.get("tasks")) {
      position++;
      Draft draft = parse(node, position, request.startDate().getOffset(), repairs);
      if (draft != null) {
        drafts.add(draft);
      }
    }
    if (drafts.size() < PlannedTask.MIN_TASKS) {
      throw new PlanRejectedException("only " + drafts.size() + " usable tasks, at least " + PlannedTask.MIN_TASKS
          + " are needed" + (repairs.isEmpty() ? "" : "; " + summary(repairs)));
    }
    makeKeysUnique(drafts, repairs);
    drafts = keepHighestPriorities(drafts, repairs);
    clampDeadlines(drafts, request.startDate(), repairs);
    resolveDependencies(drafts, repairs);
    breakCycles(drafts, repairs);
    return new Result(drafts.stream().map(Draft::toTask).toList(), List.copyOf(repairs));
  }

  /** The first few repair lines: enough to see why an answer failed without flooding the log. */
  private static String summary(List<String> repairs) {
    int shown = Math.min(5, repairs.size());
    return String.join("; ", repairs.subList(0, shown))
        + (repairs.size() > shown ? "; and " + (repairs.size() - shown) + " more" : "");
  }

  /** Null (with a repair line) when the task cannot be used. */
  private static Draft parse(JsonNode node, int position, ZoneOffset offset, List<String> repairs) {
    String where = "task #" + position;
    if (!node.isObject()) {
      repairs.add(where + " dropped: not an object");
      return null;
    }
    String name = text(node, "name");
    if (name == null) {
      repairs.add(where + " dropped: no name");
      return null;
    }
    String key = normaliseKey(text(node, "key"));
    if (key.isEmpty()) {
      key = normaliseKey(name).isEmpty() ? "task" : normaliseKey(name);
      repairs.add(where + " had no key; made '" + key + "' from its name");
    }
    where = "task '" + key + "'";
    String phase = oneOf(node, "phase", PlannedTask.PHASES, where, repairs);
    String category = oneOf(node, "workflow_category", PlannedTask.WORKFLOW_CATEGORIES, where, repairs);
    String priority = oneOf(node, "priority", PlannedTask.PRIORITIES, where, repairs);
    if (phase == null || category == null || priority == null) {
      return null;
    }
    OffsetDateTime deadline = deadline(text(node, "deadline"), offset);
    if (deadline == null) {
      repairs.add(where + " dropped: deadline '" + node.path("deadline").asText() + "' is not a date");
      return null;
    }
    JsonNode hours = node.get("estimated_hours");
    if (hours == null || !hours.isNumber()) {
      repairs.add(where + " dropped: estimated_hours is not a number");
      return null;
    }
    long rounded = Math.round(hours.asDouble());
    int estimate = (int) Math.max(MIN_HOURS, Math.min(MAX_HOURS, rounded));
    if (estimate != hours.asDouble()) {
      repairs.add(where + ": estimated_hours " + hours.asText() + " set to " + estimate);
    }
    Set<String> dependsOn = new LinkedHashSet<>();
    JsonNode refs = node.get("depends_on");
    if (refs != null && refs.isArray()) {
      refs.forEach(ref -> {
        if (ref.isTextual() && !normaliseKey(ref.asText()).isEmpty()) {
          dependsOn.add(normaliseKey(ref.asText()));
        }
      });
    } else if (refs != null && !refs.isNull()) {
      repairs.add(where + ": depends_on is not a list, ignored");
    }
    String description = text(node, "description");
    return new Draft(key, name, description == null ? "" : description, phase, category, priority, deadline,
        estimate, dependsOn);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText().trim() : null;
  }

  /** The allowed value the field names (case, blanks and hyphens forgiven), or null if none. */
  private static String oneOf(JsonNode node, String field, List<String> allowed, String where, List<String> repairs) {
    String raw = text(node, field);
    String value = raw == null ? "" : raw.toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    if (!allowed.contains(value)) {
      repairs.add(where + " dropped: " + field + " '" + (raw == null ? "" : raw) + "' is not one of " + allowed);
      return null;
    }
    if (!value.equals(raw)) {
      repairs.add(where + ": " + field + " '" + raw + "' read as " + value);
    }
    return value;
  }

  static String normaliseKey(String raw) {
    if (raw == null) {
      return "";
    }
    String key = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return key.length() <= MAX_KEY_LENGTH ? key : key.substring(0, MAX_KEY_LENGTH).replaceAll("_+$", "");
  }

  private static OffsetDateTime deadline(String raw, ZoneOffset offset) {
    if (raw == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(raw);
    } catch (DateTimeParseException notWithOffset) {
      try {
        return LocalDateTime.parse(raw).atOffset(offset);
      } catch (DateTimeParseException notDateTime) {
        try {
          return LocalDate.parse(raw).atStartOfDay().atOffset(offset);
        } catch (DateTimeParseException notDate) {
          return null;
        }
      }
    }
  }

  private static void makeKeysUnique(List<Draft> drafts, List<String> repairs) {
    Set<String> used = new HashSet<>();
    for (Draft draft : drafts) {
      if (!used.add(draft.key)) {
        int suffix = 2;
        while (used.contains(withSuffix(draft.key, suffix))) {
          suffix++;
        }
        String unique = withSuffix(draft.key, suffix);
        repairs.add("key '" + draft.key + "' repeated; renamed to '" + unique + "'");
        draft.key = unique;
        used.add(unique);
      }
    }
  }

  private static String withSuffix(String key, int suffix) {
    String tail = "_" + suffix;
    return key.substring(0, Math.min(key.length(), MAX_KEY_LENGTH - tail.length())) + tail;
  }

  private static List<Draft> keepHighestPriorities(List<Draft> drafts, List<String> repairs) {
    if (drafts.size() <= PlannedTask.MAX_TASKS) {
      return drafts;
    }
    Set<Integer> kept = new HashSet<>(IntStream.range(0, drafts.size()).boxed()
        .sorted(Comparator.comparingInt((Integer i) -> PlannedTask.PRIORITIES.indexOf(drafts.get(i).priority))
            .thenComparingInt(i -> i))
        .limit(PlannedTask.MAX_TASKS)
        .toList());
    repairs.add((drafts.size() - PlannedTask.MAX_TASKS) + " lowest-priority tasks dropped to keep "
        + PlannedTask.MAX_TASKS);
    return IntStream.range(0, drafts.size()).filter(kept::contains).mapToObj(drafts::get).toList();
  }

  private static void clampDeadlines(List<Draft> drafts, OffsetDateTime start, List<String> repairs) {
    for (Draft draft : drafts) {
      if (!draft.phase.equals("post_event") && !draft.deadline.isBefore(start)) {
        OffsetDateTime clamped = start.minusDays(1);
        repairs.add("task '" + draft.key + "': deadline " + draft.deadline + " is not before the event start; set to "
            + clamped);
        draft.deadline = clamped;
      }
    }
  }

  private static void resolveDependencies(List<Draft> drafts, List<String> repairs) {
    Set<String> keys = new HashSet<>();
    drafts.forEach(draft -> keys.add(draft.key));
    for (Draft draft : drafts) {
      List<String> unknown = draft.dependsOn.stream()
          .filter(ref -> !keys.contains(ref) || ref.equals(draft.key)).toList();
      if (!unknown.isEmpty()) {
        draft.dependsOn.removeAll(unknown);
        repairs.add("task '" + draft.key + "': dropped dependencies on unknown or own keys " + unknown);
      }
    }
  }

  private static void breakCycles(List<Draft> drafts, List<String> repairs) {
    Map<String, Draft> byKey = new HashMap<>();
    drafts.forEach(draft -> byKey.put(draft.key, draft));
    Map<String, Boolean> finished = new HashMap<>();
    for (Draft draft : drafts) {
      visit(draft, byKey, finished, repairs);
    }
  }

  /** Depth-first; {@code finished} maps a key to false while it is on the path and true after. */
  private static void visit(Draft draft, Map<String, Draft> byKey, Map<String, Boolean> finished,
      List<String> repairs) {
    if (finished.containsKey(draft.key)) {
      return;
    }
    finished.put(draft.key, false);
    for (String ref : List.copyOf(draft.dependsOn)) {
      Boolean state = finished.get(ref);
      if (Boolean.FALSE.equals(state)) {
        draft.dependsOn.remove(ref);
        repairs.add("task '" + draft.key + "': dropped dependency on '" + ref + "' that closed a cycle");
      } else if (state == null) {
        visit(byKey.get(ref), byKey, finished, repairs);
      }
    }
    finished.put(draft.key, true);
  }

  /** A task while it is being repaired. */
  private static final class Draft {
    private String key;
    private final String name;
    private final String description;
    private final String phase;
    private final String workflowCategory;
    private final String priority;
    private OffsetDateTime deadline;
    private final int estimatedHours;
    private final Set<String> dependsOn;

    private Draft(String key, String name, String description, String phase, String workflowCategory,
        String priority, OffsetDateTime deadline, int estimatedHours, Set<String> dependsOn) {
      this.key = key;
      this.name = name;
      this.description = description;
      this.phase = phase;
      this.workflowCategory = workflowCategory;
      this.priority = priority;
      this.deadline = deadline;
      this.estimatedHours = estimatedHours;
      this.dependsOn = dependsOn;
    }

    private PlannedTask toTask() {
      return new PlannedTask(key, name, description, phase, workflowCategory, priority, deadline, estimatedHours,
          List.copyOf(dependsOn));
    }
  }
}
