package com.fashionos.files;

import static com.fashionos.files.FilesStack.member;
import static com.fashionos.files.FilesStack.png;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.RawUpload;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.files.upload.UploadLimits;
import com.fashionos.platform.health.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user's uploads at once, and everyone's, are capped (429 / 503), an upload's slot is back before
 * its answer is read, and closed connections give their slots back. The idle timeout here is far
 * longer than the test, so the held uploads stay held however slow the machine is; the timeouts
 * themselves are {@link FilesUploadLimitsTest}'s.
 */
@ExtendWith(TestEngines.class)
class FilesUploadCapsTest {
  private static final UploadLimits LIMITS = new UploadLimits(Duration.ofMinutes(2), Duration.ofMinutes(3), 4, 2, 2);
  private static final int MB = 1024 * 1024;
  private static FilesStack stack;
  private static User sarah;
  private static User marcus;
  private static User ines;
  private static String eventId;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new FilesStack(engines, 1024L * 1024 * 1024, LIMITS);
    sarah = stack.users.create("Sarah Chen");
    marcus = stack.users.create("Marcus Webb");
    ines = stack.users.create("Ines Duval");
    for (User user : List.of(sarah, marcus, ines)) stack.signIn(user);
    eventId = stack.createEvent(sarah, member(marcus, "production_manager", "edit"), member(ines, "creative_director", "edit"));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void aUsersUploadsAtOnceAreCappedAt429AndEveryonesAt503() throws Exception {
    String before = stack.snapshot(eventId);
    List<RawUpload> held = new ArrayList<>();
    try {
      hold(held, marcus, 2);
      // Marcus's third: an empty file would be 400 once let in, so the probe stores nothing either way.
      Answer third = emptyUpload(marcus);
      assertThat(third.status()).as(third.toString()).isEqualTo(429);
      assertThat(third.json().getJsonObject("error").getString("code")).isEqualTo("too_many_uploads");
      assertThat(third.headers()).containsKey("retry-after");
      // Ines still has her share, and her upload's slot is back before she reads its answer...
      assertThat(emptyUpload(ines).status()).isEqualTo(400);
      assertThat(inProgress()).isEqualTo(2);
      hold(held, ines, 2);
      // ...until all four slots are taken: then Sarah waits too.
      Answer busy = emptyUpload(sarah);
      assertThat(busy.status()).as(busy.toString()).isEqualTo(503);
      assertThat(busy.json().getJsonObject("error").getString("code")).isEqualTo("uploads_busy");
      assertThat(held).as("no held upload was answered").noneMatch(RawUpload::hasAnswer);
    } finally {
      held.forEach(RawUpload::close);
    }
    // Closed connections give their slots back (once the service notices), and the cut-off uploads left nothing.
    Eventually.eventually("every slot back", FilesUploadCapsTest::inProgress, n -> n == 0);
    assertThat(emptyUpload(marcus).status()).isEqualTo(400);
    assertThat(emptyUpload(sarah).status()).isEqualTo(400);
    Eventually.eventually("nothing stored", () -> stack.keys("event-images", eventId), List::isEmpty);
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
  }

  /**
   * Opens uploads of {@code user} that send part of their file and wait, until each holds its slot:
   * requests on different connections are let in in no set order, so nothing else is sent before.
   */
  private static void hold(List<RawUpload> held, User user, int uploads) {
    int holding = inProgress() + uploads;
    for (int i = 0; i < uploads; i++) held.add(open(user, "held.png", 4 * MB).send(png(64 * 1024)));
    Eventually.eventually(uploads + " more uploads holding a slot", FilesUploadCapsTest::inProgress, n -> n == holding);
  }

  /** The uploads holding a slot, from the service's gauge. */
  private static int inProgress() {
    return (int) Metrics.registry(stack.vertx).get("fashionos.files.uploads.in.progress").gauge().value();
  }

  private static RawUpload open(User user, String fileName, long declaredLength) {
    return RawUpload.open(stack.filesPort, "/api/v1/events/" + eventId + "/files?bucket=event-images", user.token(), fileName,
        declaredLength);
  }

  /** An upload of an empty file: 400 once admitted, so it shows the caps without storing anything. */
  private static Answer emptyUpload(User user) {
    byte[] body = (RawUpload.partHead("empty.png") + RawUpload.closingBoundary()).getBytes(StandardCharsets.UTF_8);
    try (RawUpload upload = open(user, "empty.png", body.length)) {
      return upload.send(RawUpload.closingBoundary().getBytes(StandardCharsets.UTF_8)).answer(Duration.ofSeconds(10));
    }
  }
}
