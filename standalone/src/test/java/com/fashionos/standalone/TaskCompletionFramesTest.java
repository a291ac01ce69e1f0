package com.fashionos.standalone;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestApi.Answer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What one task completion sends a WebSocket subscriber (docs/benchmarks.md, "Frames per task
 * completion"): on a generated plan, 50 completions one after the other, each followed by the
 * frames it caused until the feed is quiet. Asserts one frame for the task and one for the
 * progress, each carrying exactly what the REST GET of that resource answers; logs the frames,
 * bytes and the progress frame's delay after the API answer (never asserted).
 */
@ExtendWith(SharedStandalone.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TaskCompletionFramesTest {
  private static final int COMPLETIONS = 50;
  /** A completion's frames are over when none came for this long after its progress frame. */
  private static final long QUIET_MS = 700;

  static SharedStandalone.Stack stack;
  static TestApi api;

  @BeforeAll
  static void start(SharedStandalone.Stack shared) {
    stack = shared;
    api = shared.api();
  }

  /** A frame as the client received it, with when and its size on the wire. */
  record Received(JsonObject frame, long atNanos, int bytes) {}

  @Test
  void aCompletionSendsTheFramesOfWhatItChanged() throws Exception {
    String token = stack.signUp("Sarah Chen").getString("access_token");
    Answer created = api.post("/api/v1/events").token(token).json(new JsonObject().put("name", "Frames Showcase")
        .put("type", "runway_show").put("start_date", "2027-09-20T19:00:00Z")).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String eventId = created.json().getString("event_id");
    String tasksPath = "/api/v1/events/" + eventId + "/tasks";
    eventually("plan generation", Duration.ofSeconds(60), () -> api.get("/api/v1/events/" + eventId).token(token).send()
        .json().getJsonObject("event"), e -> "done".equals(e.getJsonObject("tasks_summary").getJsonObject("generation")
            .getString("status")));

    BlockingQueue<Received> frames = new LinkedBlockingQueue<>();
    WebSocket socket = open(token, frames);
    socket.sendText(new JsonObject().put("type", "subscribe").put("event_id", eventId).encode(), true);
    eventually("subscribed", Duration.ofSeconds(10), frames::poll, r -> "subscribed".equals(r.frame().getString("type")));

    List<Long> delaysMs = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    List<Integer> bytes = new ArrayList<>();
    for (int i = 0; i < COMPLETIONS; i++) {
      List<JsonObject> tasks = api.get(tasksPath).token(token).send().json().getJsonArray("tasks").stream()
          .map(JsonObject.class::cast).toList();
      JsonObject task = tasks.stream().filter(t -> "to_do".equals(t.getString("status"))).findFirst().orElseThrow();
      String taskId = task.getString("id");
      long waiting = tasks.stream().filter(t -> "blocked".equals(t.getString("status")))
          .filter(t -> t.getJsonArray("dependencies").contains(taskId)).filter(t -> t.getJsonArray("dependencies").stream()
              .allMatch(d -> d.equals(taskId) || tasks.stream().anyMatch(o -> o.getString("id").equals(d)
                  && List.of("done", "cancelled").contains(o.getString("status")))))
          .count();
      Answer done = api.put(tasksPath + "/" + taskId).token(token).json(new JsonObject().put("status", "done")).send();
      long answered = System.nanoTime();
      assertThat(done.status()).as(done.toString()).isEqualTo(200);

      List<Received> caused = new ArrayList<>();
      Long progressAt = null;
      while (true) {
        Received next = frames.poll(progressAt == null ? 10_000 : QUIET_MS, TimeUnit.MILLISECONDS);
        if (next == null) break;
        caused.add(next);
        if (progressAt == null && isProgress(next.frame())) progressAt = next.atNanos();
      }
      assertThat(progressAt).as("the progress frame of completion " + i).isNotNull();
      assertThat(caused.stream().filter(r -> isProgress(r.frame()))).as("progress frames").hasSize(1);
      List<JsonObject> taskFrames = caused.stream().map(Received::frame).filter(f -> isTask(f)
          && taskId.equals(f.getJsonObject("new").getString("id"))).toList();
      assertThat(taskFrames).as("frames of the completed task").hasSize(1);
      JsonObject progressFrame = caused.stream().map(Received::frame).filter(f -> isProgress(f)).findFirst().orElseThrow();
      if (i == COMPLETIONS - 1) {
        // The frame carries what the GET answers (slack_hours as of the commit: the clock may have moved an hour since).
        JsonObject got = api.get(tasksPath + "/" + taskId).token(token).send().json().getJsonObject("task");
        JsonObject sent = taskFrames.get(0).getJsonObject("new").copy();
        assertThat(Math.abs(sent.getInteger("slack_hours") - got.getInteger("slack_hours"))).isLessThanOrEqualTo(1);
        sent.remove("slack_hours");
        got.remove("slack_hours");
        assertThat(sent).isEqualTo(got);
        assertThat(progressFrame.getJsonObject("new"))
            .isEqualTo(api.get(tasksPath + "/progress").token(token).send().json().getJsonObject("progress"));
      }
      delaysMs.add(Math.max(0, (progressAt - answered) / 1_000_000));
      counts.add(caused.size());
      bytes.add(caused.stream().mapToInt(Received::bytes).sum());
      report("Completion {}: {} frames ({} of tasks), {} bytes, progress frame {} ms after the answer; {} dependents waited",
          i, caused.size(), caused.stream().filter(r -> isTask(r.frame())).count(), bytes.get(i), delaysMs.get(i), waiting);
    }
    socket.abort();
    List<Long> warm = new ArrayList<>(delaysMs.subList(1, delaysMs.size()));
    warm.sort(null);
    report("Frames per completion: first {}, median {}, max {}; bytes: first {}, median {}, max {}",
        counts.get(0), median(counts), counts.stream().mapToInt(c -> c).max().orElse(0),
        bytes.get(0), median(bytes), bytes.stream().mapToInt(c -> c).max().orElse(0));
    report("Progress frame after the API answer: cold {} ms; warm p50 {} ms, p99 {} ms, max {} ms",
        delaysMs.get(0), warm.get(warm.size() / 2), warm.get((int) Math.ceil(warm.size() * 0.99) - 1),
        warm.get(warm.size() - 1));
  }

  /** The figures go to the test's output (the stack's logging is left as standalone sets it). */
  private static void report(String format, Object... values) {
    System.out.println("[frames] " + org.slf4j.helpers.MessageFormatter.arrayFormat(format, values).getMessage());
  }

  private static <T extends Comparable<T>> T median(List<T> values) {
    List<T> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  private static boolean isProgress(JsonObject frame) {
    return "change".equals(frame.getString("type"))
        && ("event_progress".equals(frame.getString("resource")) || "event_progress".equals(frame.getString("table")));
  }

  private static boolean isTask(JsonObject frame) {
    return "change".equals(frame.getString("type"))
        && ("task".equals(frame.getString("resource")) || "event_tasks".equals(frame.getString("table")));
  }

  private static WebSocket open(String token, BlockingQueue<Received> frames) throws Exception {
    return HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
        .buildAsync(URI.create(api.baseUrl().replace("http", "ws") + "/realtime/v1"), new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              String message = text.toString();
              frames.add(new Received(new JsonObject(message), System.nanoTime(),
                  message.getBytes(StandardCharsets.UTF_8).length));
              text.setLength(0);
            }
            ws.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
  }
}
