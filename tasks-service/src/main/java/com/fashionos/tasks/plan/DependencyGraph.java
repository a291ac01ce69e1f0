package com.fashionos.tasks.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Dependencies between the tasks of one event: cycle detection and topological order. */
public final class DependencyGraph {
  private DependencyGraph() {}

  /**
   * A cycle, if the dependencies have one, as the path of task ids that leads back to its start
   * ({@code [a, b, c, a]}); empty when the graph is acyclic. Unknown ids are ignored.
   */
  public static Optional<List<UUID>> findCycle(Map<UUID, List<UUID>> dependencies) {
    Map<UUID, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = finished
    for (UUID start : dependencies.keySet()) {
      if (state.containsKey(start)) continue;
      List<UUID> path = new ArrayList<>();
      Optional<List<UUID>> cycle = visit(start, dependencies, state, path);
      if (cycle.isPresent()) return cycle;
    }
    return Optional.empty();
  }

  // Iterative depth-first search: a 150-task chain must not depend on the thread's stack size.
  private static Optional<List<UUID>> visit(UUID start, Map<UUID, List<UUID>> graph, Map<UUID, Integer> state,
      List<UUID> path) {
    List<java.util.Iterator<UUID>> iterators = new ArrayList<>();
    path.add(start);
    state.put(start, 1);
    iterators.add(graph.getOrDefault(start, List.of()).iterator());
    while (!path.isEmpty()) {
      java.util.Iterator<UUID> next = iterators.get(iterators.size() - 1);
      if (!next.hasNext()) {
        state.put(path.remove(path.size() - 1), 2);
        iterators.remove(iterators.size() - 1);
        continue;
      }
      UUID dependency = next.next();
      if (!graph.containsKey(dependency)) continue;
      Integer seen = state.get(dependency);
      if (seen == null) {
        path.add(dependency);
        state.put(dependency, 1);
        iterators.add(graph.getOrDefault(dependency, List.of()).iterator());
      } else if (seen == 1) {
        List<UUID> cycle = new ArrayList<>(path.subList(path.indexOf(dependency), path.size()));
        cycle.add(dependency);
        return Optional.of(Collections.unmodifiableList(cycle));
      }
    }
    return Optional.empty();
  }

  /** The tasks so that every task comes after its dependencies (the graph must be acyclic). */
  public static List<UUID> topologicalOrder(Map<UUID, List<UUID>> dependencies) {
    Map<UUID, Integer> waiting = new HashMap<>();
    Map<UUID, List<UUID>> dependents = new HashMap<>();
    dependencies.forEach((task, deps) -> {
      int known = 0;
      for (UUID dep : deps) {
        if (!dependencies.containsKey(dep)) continue;
        known++;
        dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(task);
      }
      waiting.put(task, known);
    });
    List<UUID> order = new ArrayList<>();
    java.util.ArrayDeque<UUID> ready = new java.util.ArrayDeque<>();
    // Sorted start for a stable order whatever the map's iteration order.
    waiting.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).sorted().forEach(ready::add);
    while (!ready.isEmpty()) {
      UUID task = ready.poll();
      order.add(task);
      for (UUID dependent : dependents.getOrDefault(task, List.of())) {
        if (waiting.merge(dependent, -1, Integer::sum) == 0) ready.add(dependent);
      }
    }
    if (order.size() != dependencies.size()) throw new IllegalArgumentException("dependencies form a cycle");
    return order;
  }
}
