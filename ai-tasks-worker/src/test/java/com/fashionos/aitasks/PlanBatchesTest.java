package com.fashionos.aitasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.platform.change.TaskBatch;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A plan cut into batches, as tasks-service reads them. */
class PlanBatchesTest {
  /** RFC 3339 date-time: seconds required, an offset or Z. */
  static final Pattern RFC_3339 = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)");

  @Test
  void deadlinesAreRfc3339EvenAtZeroSecondsAndTheirInstantIsKept() {
    UUID eventId = UUID.randomUUID();
    List<PlannedTask> plan = List.of(
        task("brief", "2026-05-18T18:00-04:00"), task("casting", "2026-08-01T18:00:30.250+02:00"),
        task("doors", "2026-09-15T07:00Z"));
    List<TaskBatch> batches = PlanBatches.of(eventId, UUID.randomUUID(), "built_in", plan, 2);
    assertThat(batches).hasSize(2);
    List<String> deadlines = batches.stream().flatMap(b -> b.tasks().stream())
        .map(t -> ((JsonObject) t).getString("deadline")).toList();
    assertThat(deadlines).containsExactly("2026-05-18T22:00:00Z", "2026-08-01T16:00:30.250Z", "2026-09-15T07:00:00Z");
    assertThat(deadlines).allMatch(d -> RFC_3339.matcher(d).matches());
    // tasks-service reads a deadline with OffsetDateTime.parse: the same instant as planned.
    for (int i = 0; i < plan.size(); i++) {
      assertThat(OffsetDateTime.parse(deadlines.get(i)).toInstant()).isEqualTo(plan.get(i).deadline().toInstant());
    }
  }

  @Test
  void aBatchWrittenBeforeStillReads() {
    // As batches on the topic were written until deadlines became RFC 3339: OffsetDateTime.toString().
    JsonObject old = new JsonObject("{\"event_id\":\"" + UUID.randomUUID() + "\",\"plan_id\":\"" + UUID.randomUUID()
        + "\",\"batch\":1,\"batches\":1,\"total_tasks\":1,\"source\":\"built_in\",\"tasks\":[{\"id\":\"" + UUID.randomUUID()
        + "\",\"name\":\"Brief\",\"description\":\"\",\"phase\":\"pre_production\",\"workflow_category\":\"event_planning\","
        + "\"priority\":\"high\",\"deadline\":\"2026-05-18T18:00-04:00\",\"estimated_hours\":2,\"dependencies\":[]}]}");
    JsonObject task = TaskBatch.fromJson(old).tasks().getJsonObject(0);
    assertThat(OffsetDateTime.parse(task.getString("deadline")).toInstant())
        .isEqualTo(OffsetDateTime.parse("2026-05-18T22:00:00Z").toInstant());
  }

  private static PlannedTask task(String key, String deadline) {
    return new PlannedTask(key, key, "", "pre_production", "event_planning", "high", OffsetDateTime.parse(deadline), 2,
        List.of());
  }
}
