package com.fashionos.aitasks;

import com.fashionos.aitasks.TaskTemplate.Scope;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Makes a plan from the {@link TaskLibrary} templates, with no outside service: the plan a
 * fashion producer would write for the event's type, sized by its designers, sponsors, attendees
 * and days.
 *
 * <ul>
 *   <li>Templates apply to some or all event types and may need a size (a sponsor contract needs a
 *       sponsor; crowd control needs a crowd). Per-designer, per-sponsor and per-day templates are
 *       repeated: at most {@value #MAX_DESIGNER_TASKS}, {@value #MAX_SPONSOR_TASKS} and
 *       {@value #MAX_DAY_TASKS} times, beyond which each task covers a range ("Fitting: designers
 *       9–12"), so the plan stays workable for 30 designers.
 *   <li>A task whose template is not in the plan is replaced, in its dependents' lists, by its own
 *       dependencies, so the order it stood for is kept.
 *   <li>Above {@link PlannedTask#MAX_TASKS} the optional tasks go, lowest priority first. The
 *       essential tasks alone never exceed it and even the smallest event gets at least
 *       {@link PlannedTask#MIN_TASKS} (both checked by the tests at the sizes where the repeats
 *       stop growing).
 *   <li>A task is due at 18:00, event time, its template's lead days before the start day (but at
 *       the latest an hour before the start); a post_event task that many days after the end day.
 *       When the earliest deadline would already be past, the pre-event deadlines are squeezed
 *       proportionally between now and the start, so their order survives.
 *   <li>Same request and same clock, same plan: keys are made from template keys and repeat
 *       numbers, and ties are broken by library order.
 * </ul>
 */
public final class BuiltInPlanner implements TaskPlanner {
  private static final int MAX_DESIGNER_TASKS = 8;
  private static final int MAX_SPONSOR_TASKS = 6;
  private static final int MAX_DAY_TASKS = 7;

  private static final LocalTime DUE_TIME = LocalTime.of(18, 0);
  private static final Duration BEFORE_START = Duration.ofHours(1);
  private static final Duration MIN_BEFORE_START = Duration.ofMinutes(1);

  private final Clock clock;

  /** Squeezes the deadlines of imminent events against the system clock. */
  public BuiltInPlanner() {
    this(Clock.systemUTC());
  }

  /** @param clock only "now", to squeeze the deadlines of an event too close to fit its plan */
  public BuiltInPlanner(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<PlannedTask> plan(PlanRequest request) {
    Objects.requireNonNull(request.startDate(), "startDate");
    if (request.eventType() == null || !PlannedTask.EVENT_TYPES.contains(request.eventType())) {
      throw new IllegalArgumentException("unknown event type '" + request.eventType() + "', expected one of "
          + PlannedTask.EVENT_TYPES);
    }
    EventSize size = EventSize.of(request);
    Map<String, Node> nodes = instantiate(request.eventType(), size);
    List.copyOf(nodes.values()).stream().filter(node -> node.placeholder).forEach(node -> remove(nodes, node));
    dropOptionalsAbove(PlannedTask.MAX_TASKS, nodes);
    Map<Node, ZonedDateTime> deadlines = deadlines(nodes.values(), request);
    double crowd = crowdFactor(size.attendees());
    return nodes.values().stream()
        .sorted(Comparator.comparing((Node node) -> deadlines.get(node).toInstant())
            .thenComparingInt(node -> node.rank))
        .map(node -> node.toTask(deadlines.get(node), crowd))
        .toList();
  }

  /**
   * One node per task, in library order, with dependencies wired. A template not in the plan
   * (size condition unmet, or nobody to repeat it for) still gets a placeholder node, removed
   * afterwards, so its dependents inherit its dependencies.
   */
  private static Map<String, Node> instantiate(String eventType, EventSize size) {
    Map<String, List<Node>> byTemplate = new LinkedHashMap<>();
    int rank = 0;
    for (TaskTemplate template : TaskLibrary.TEMPLATES) {
      if (!template.eventTypes().contains(eventType)) {
        continue;
      }
      List<Repeat> repeats = template.condition().test(size) ? repeats(template, size) : List.of();
      List<Node> nodes = new ArrayList<>();
      if (repeats.isEmpty()) {
        nodes.add(new Node(template, template.key(), null, 0, rank++, true));
      }
      for (Repeat repeat : repeats) {
        String key = template.scope() == Scope.ONCE ? template.key() : template.key() + "_" + repeat.number();
        nodes.add(new Node(template, key, repeat.who(), repeat.number(), rank++, false));
      }
      byTemplate.put(template.key(), nodes);
    }
    for (List<Node> nodes : byTemplate.values()) {
      for (Node node : nodes) {
        for (String key : node.template.after()) {
          linked(node, templateNodes(byTemplate, key, node)).forEach(dependency -> node.dependsOn.add(dependency.key));
        }
        // An absent task imposes no order on the tasks it would have preceded.
        for (String key : node.placeholder ? List.<String>of() : node.template.before()) {
          linked(node, templateNodes(byTemplate, key, node)).forEach(dependent -> dependent.dependsOn.add(node.key));
        }
      }
    }
    Map<String, Node> nodes = new LinkedHashMap<>();
    byTemplate.values().forEach(list -> list.forEach(node -> nodes.put(node.key, node)));
    return nodes;
  }

  private static List<Node> templateNodes(Map<String, List<Node>> byTemplate, String key, Node from) {
    List<Node> nodes = byTemplate.get(key);
    if (nodes == null) {
      throw new IllegalStateException("template '" + from.template.key() + "' refers to '" + key
          + "', which is not a template for the same event types");
    }
    return nodes;
  }

  /** Of another template's nodes, the ones a node is tied to: the same repeat, else all. */
  private static List<Node> linked(Node node, List<Node> others) {
    if (node.template.scope() != Scope.ONCE) {
      List<Node> same = others.stream()
          .filter(other -> other.template.scope() == node.template.scope() && other.number == node.number)
          .toList();
      if (!same.isEmpty()) {
        return same;
      }
    }
    return others;
  }

  /** Who a task is made for: once (with no one named), or per designer, sponsor or day. */
  private static List<Repeat> repeats(TaskTemplate template, EventSize size) {
    return switch (template.scope()) {
      case ONCE -> List.of(new Repeat(0, ""));
      case PER_DESIGNER -> size.designers() == 0 && template.houseCollection()
          ? List.of(new Repeat(1, "house collection"))
          : ranges(size.designers(), MAX_DESIGNER_TASKS, "designer", "designers");
      case PER_SPONSOR -> ranges(size.sponsors(), MAX_SPONSOR_TASKS, "sponsor", "sponsors");
      // A one-day event's single run sheet and roster are the run-of-show and the staff rota.
      case PER_DAY -> size.days() > 1 ? ranges(size.days(), MAX_DAY_TASKS, "day", "days") : List.of();
    };
  }

  /** {@code count} things in at most {@code max} consecutive ranges of near-equal size. */
  private static List<Repeat> ranges(int count, int max, String one, String many) {
    int groups = Math.min(count, max);
    List<Repeat> repeats = new ArrayList<>();
    int first = 1;
    for (int group = 1; group <= groups; group++) {
      int length = count / groups + (group <= count % groups ? 1 : 0);
      int last = first + length - 1;
      repeats.add(new Repeat(group, length == 1 ? one + " " + first : many + " " + first + "–" + last));
      first = last + 1;
    }
    return repeats;
  }

  /** Takes a node out; whatever depended on it now depends on what it depended on. */
  private static void remove(Map<String, Node> nodes, Node gone) {
    nodes.remove(gone.key);
    for (Node node : nodes.values()) {
      if (node.dependsOn.remove(gone.key)) {
        node.dependsOn.addAll(gone.dependsOn);
      }
    }
  }

  /** Lowest priority first; of equal priority, the last in library order first. */
  private static void dropOptionalsAbove(int max, Map<String, Node> nodes) {
    List<Node> droppable = nodes.values().stream()
        .filter(node -> node.template.optional())
        .sorted(Comparator.comparingInt((Node node) -> PlannedTask.PRIORITIES.indexOf(node.template.priority()))
            .thenComparingInt(node -> node.rank)
            .reversed())
        .toList();
    for (Node node : droppable) {
      if (nodes.size() <= max) {
        return;
      }
      remove(nodes, node);
    }
  }

  private Map<Node, ZonedDateTime> deadlines(Iterable<Node> nodes, PlanRequest request) {
    ZoneId zone = zone(request);
    ZonedDateTime start = request.startDate().atZoneSameInstant(zone);
    ZonedDateTime end = request.endDate() == null || request.endDate().isBefore(request.startDate())
        ? start : request.endDate().atZoneSameInstant(zone);
    ZonedDateTime latest = start.minus(BEFORE_START);
    Map<Node, ZonedDateTime> deadlines = new HashMap<>();
    for (Node node : nodes) {
      int lead = node.template.leadDays();
      if (node.template.isPostEvent()) {
        deadlines.put(node, ZonedDateTime.of(end.toLocalDate().plusDays(-lead), DUE_TIME, zone));
      } else {
        ZonedDateTime due = ZonedDateTime.of(start.toLocalDate().minusDays(lead), DUE_TIME, zone);
        deadlines.put(node, due.isBefore(latest) ? due : latest);
      }
    }
    squeeze(deadlines, start);
    return deadlines;
  }

  /**
   * When the earliest pre-event deadline is already past, maps every pre-event deadline d to
   * start - (start - d) * (start - now) / (start - earliest): a monotone map, so no dependency
   * ends up due after its dependent, and the earliest one lands on now. An event that has
   * already started keeps its deadlines; squeezing them into nothing would not help anyone.
   */
  private void squeeze(Map<Node, ZonedDateTime> deadlines, ZonedDateTime start) {
    Instant now = clock.instant();
    List<Node> preEvent = deadlines.keySet().stream().filter(node -> !node.template.isPostEvent()).toList();
    Instant earliest = preEvent.stream().map(node -> deadlines.get(node).toInstant()).min(Comparator.naturalOrder())
        .orElse(now);
    if (!earliest.isBefore(now) || !now.isBefore(start.toInstant())) {
      return;
    }
    long available = Duration.between(now, start.toInstant()).toSeconds();
    long span = Duration.between(earliest, start.toInstant()).toSeconds();
    ZonedDateTime lastAllowed = start.minus(MIN_BEFORE_START);
    for (Node node : preEvent) {
      long before = Duration.between(deadlines.get(node), start).toSeconds();
      // Whole minutes, rounded towards the start, so no deadline falls before now.
      long squeezed = before * available / span / 60 * 60;
      ZonedDateTime due = start.minusSeconds(squeezed);
      deadlines.put(node, due.isBefore(lastAllowed) ? due : lastAllowed);
    }
  }

  /** The event's zone; an unknown or missing name falls back to the start's own offset. */
  private static ZoneId zone(PlanRequest request) {
    if (request.timezone() != null && !request.timezone().isBlank()) {
      try {
        return ZoneId.of(request.timezone());
      } catch (DateTimeException unknownZone) {
        // The plan is still right to the minute in the offset the start was given in.
      }
    }
    return request.startDate().getOffset();
  }

  /** How much longer guest-facing work takes as the audience grows. */
  private static double crowdFactor(int attendees) {
    if (attendees <= 250) {
      return 1;
    }
    if (attendees <= 1000) {
      return 1.5;
    }
    return attendees <= 2500 ? 2 : 3;
  }

  /** @param number 0 for a task made once, else 1-based */
  private record Repeat(int number, String who) {}

  /** A task being planned; {@code placeholder} ones stand for templates left out. */
  private static final class Node {
    private final TaskTemplate template;
    private final String key;
    private final String who;
    private final int number;
    private final int rank;
    private final boolean placeholder;
    private final Set<String> dependsOn = new LinkedHashSet<>();

    private Node(TaskTemplate template, String key, String who, int number, int rank, boolean placeholder) {
      this.template = template;
      this.key = key;
      this.who = who;
      this.number = number;
      this.rank = rank;
      this.placeholder = placeholder;
    }

    private PlannedTask toTask(ZonedDateTime deadline, double crowd) {
      int hours = template.crowdScaled() ? (int) Math.round(template.hours() * crowd) : template.hours();
      return new PlannedTask(key, template.name().replace(TaskTemplate.WHO, who),
          template.description().replace(TaskTemplate.WHO, who), template.phase(), template.category(),
          template.priority(), deadline.toOffsetDateTime(), hours, List.copyOf(dependsOn));
    }
  }
}
