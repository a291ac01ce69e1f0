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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user's uploads at once, and everyone's, are capped (429 / 503), and closed connections give their
 * slots back. The idle timeout here is far longer than the test, so the held uploads stay held however
 * slow the machine is; the timeouts themselves are {@link FilesUploadLimitsTest}'s.
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
      held.add(open(marcus, "m1.png", 4 * MB).send(png(64 * 1024)));
      held.add(open(marcus, "m2.png", 4 * MB).send(png(64 * 1024)));
      // Marcus's third: an empty file would be 400 once let in, so the probe stores nothing either way.
      Answer third = Eventually.eventually("Marcus's share taken", () -> emptyUpload(marcus), a -> a.status() == 429);
      assertThat(third.json().getJsonObject("error").getString("code")).isEqualTo("too_many_uploads");
      assertThat(third.headers()).containsKey("retry-after");
      // Ines still has her share...
      assertThat(emptyUpload(ines).status()).isEqualTo(400);
      held.add(open(ines, "i1.png", 4 * MB).send(png(64 * 1024)));
      held.add(open(ines, "i2.png", 4 * MB).send(png(64 * 1024)));
      // ...until all four slots are taken: then Sarah waits too.
      Answer busy = Eventually.eventually("every slot taken", () -> emptyUpload(sarah), a -> a.status() == 503);
      assertThat(busy.json().getJsonObject("error").getString("code")).isEqualTo("uploads_busy");
      assertThat(held).as("no held upload was answered").noneMatch(RawUpload::hasAnswer);
    } finally {
      held.forEach(RawUpload::close);
    }
    // Closed connections give their slots back, and the cut-off uploads left nothing.
    Eventually.eventually("Marcus's share back", () -> emptyUpload(marcus), a -> a.status() == 400);
    Eventually.eventually("every slot back", () -> emptyUpload(sarah), a -> a.status() == 400);
    Eventually.eventually("nothing stored", () -> stack.keys("event-images", eventId), List::isEmpty);
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
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
