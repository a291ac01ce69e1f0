package com.fashionos.tasks.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {
  private static final UUID A = new UUID(0, 1);
  private static final UUID B = new UUID(0, 2);
  private static final UUID C = new UUID(0, 3);
  private static final UUID D = new UUID(0, 4);
  private static final UUID E = new UUID(0, 5);
  private static final UUID T = new UUID(0, 6);

  /** A graph in the insertion order given: task, its dependencies, task, its dependencies, ... */
  @SuppressWarnings("unchecked")
  private static Map<UUID, List<UUID>> graph(Object... taskThenDeps) {
    Map<UUID, List<UUID>> graph = new LinkedHashMap<>();
    for (int i = 0; i < taskThenDeps.length; i += 2) graph.put((UUID) taskThenDeps[i], (List<UUID>) taskThenDeps[i + 1]);
    return graph;
  }

  /** Every step of the cycle follows a dependency edge and it ends where it starts. */
  private static void assertIsCycleOf(List<UUID> cycle, Map<UUID, List<UUID>> graph) {
    assertThat(cycle.size()).isGreaterThanOrEqualTo(2);
    assertThat(cycle.get(cycle.size() - 1)).isEqualTo(cycle.get(0));
    for (int i = 0; i + 1 < cycle.size(); i++) {
      assertThat(graph.get(cycle.get(i))).as("edge %s -> %s", cycle.get(i), cycle.get(i + 1)).contains(cycle.get(i + 1));
    }
    assertThat(cycle.subList(0, cycle.size() - 1)).doesNotHaveDuplicates();
  }

  @Test
  void acyclicGraphHasNoCycle() {
    Map<UUID, List<UUID>> diamond = graph(D, List.of(B, C), B, List.of(A), C, List.of(A), A, List.of());

    assertThat(DependencyGraph.findCycle(diamond)).isEmpty();
    assertThat(DependencyGraph.findCycle(Map.of())).isEmpty();
  }

  @Test
  void selfLoopIsACycle() {
    Map<UUID, List<UUID>> g = graph(B, List.of(), A, List.of(A));

    assertThat(DependencyGraph.findCycle(g)).contains(List.of(A, A));
  }

  @Test
  void twoCycle() {
    Map<UUID, List<UUID>> g = graph(A, List.of(B), B, List.of(A));

    Optional<List<UUID>> cycle = DependencyGraph.findCycle(g);

    assertThat(cycle).contains(List.of(A, B, A));
  }

  @Test
  void longCycleReturnsThePathClosingOnItsStartWithoutTheLeadIn() {
    // T leads into the cycle A -> B -> C -> D -> E -> A but is not part of it.
    Map<UUID, List<UUID>> g = graph(T, List.of(A), A, List.of(B), B, List.of(C), C, List.of(D), D, List.of(E),
        E, List.of(A));

    List<UUID> cycle = DependencyGraph.findCycle(g).orElseThrow();

    assertThat(cycle).containsExactly(A, B, C, D, E, A);
    assertIsCycleOf(cycle, g);
  }

  @Test
  void cycleIsFoundWhateverTheMapOrder() {
    Random random = new Random(7);
    for (int round = 0; round < 50; round++) {
      List<UUID> ids = new ArrayList<>();
      for (int i = 0; i < 12; i++) ids.add(UUID.randomUUID());
      Map<UUID, List<UUID>> g = new java.util.HashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        List<UUID> deps = new ArrayList<>();
        if (i > 0) deps.add(ids.get(i - 1)); // every task depends, transitively, on the first
        for (int j = 0; j < i - 1; j++) if (random.nextInt(3) == 0) deps.add(ids.get(j));
        g.put(ids.get(i), deps);
      }
      assertThat(DependencyGraph.findCycle(g)).as("acyclic round %d", round).isEmpty();
      // One back edge: the first task now depends on the last one.
      g.put(ids.get(0), List.of(ids.get(11)));
      List<UUID> cycle = DependencyGraph.findCycle(g).orElseThrow();
      assertIsCycleOf(cycle, g);
    }
  }

  @Test
  void unknownIdsAreIgnored() {
    UUID unknown = UUID.randomUUID();
    Map<UUID, List<UUID>> g = graph(A, List.of(unknown), B, List.of(A, UUID.randomUUID()));

    assertThat(DependencyGraph.findCycle(g)).isEmpty();
    assertThat(DependencyGraph.topologicalOrder(g)).containsExactly(A, B);
  }

  @Test
  void topologicalOrderRespectsEveryEdge() {
    Random random = new Random(11);
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 80; i++) ids.add(UUID.randomUUID()); // random ids: sorted order unrelated to the edges
    Map<UUID, List<UUID>> g = new java.util.HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      List<UUID> deps = new ArrayList<>();
      for (int j = 0; j < i; j++) if (random.nextInt(6) == 0) deps.add(ids.get(j));
      g.put(ids.get(i), deps);
    }

    List<UUID> order = DependencyGraph.topologicalOrder(g);

    assertThat(order).hasSize(ids.size()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
    g.forEach((task, deps) -> deps.forEach(dep ->
        assertThat(order.indexOf(dep)).as("%s before %s", dep, task).isLessThan(order.indexOf(task))));
  }

  @Test
  void topologicalOrderRejectsACycle() {
    assertThatThrownBy(() -> DependencyGraph.topologicalOrder(graph(A, List.of(B), B, List.of(A), C, List.of())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fiveHundredLongChainDoesNotOverflowTheStack() throws Exception {
    int length = 500;
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < length; i++) ids.add(new UUID(1, i));
    // Task i depends on task i - 1; the last task first, so the search starts at the deep end.
    Map<UUID, List<UUID>> chain = new LinkedHashMap<>();
    for (int i = length - 1; i >= 0; i--) chain.put(ids.get(i), i == 0 ? List.of() : List.of(ids.get(i - 1)));
    Map<UUID, List<UUID>> cyclic = new LinkedHashMap<>(chain);
    cyclic.put(ids.get(0), List.of(ids.get(length - 1)));

    // A small stack, so that a recursive search 500 deep would overflow.
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        assertThat(DependencyGraph.findCycle(chain)).isEmpty();
        assertThat(DependencyGraph.topologicalOrder(chain)).containsExactlyElementsOf(ids);
        List<UUID> cycle = DependencyGraph.findCycle(cyclic).orElseThrow();
        assertThat(cycle).hasSize(length + 1);
        assertIsCycleOf(cycle, cyclic);
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "small-stack", 96 * 1024);
    thread.start();
    thread.join();
    if (failure.get() != null) throw new AssertionError(failure.get());
  }
}
