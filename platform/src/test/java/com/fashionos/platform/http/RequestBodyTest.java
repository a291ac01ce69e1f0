package com.fashionos.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fashionos.platform.http.ApiException.FieldIssue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
  enum EventType { RUNWAY_SHOW, FASHION_WEEK, POP_UP }

  private static final String ID_A = "3f2b8c1e-6a4d-4e9b-9c1f-0a1b2c3d4e5f";
  private static final String ID_B = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

  private static RequestBody body(JsonObject json) {
    return RequestBody.of(json);
  }

  /** The issues collected so far, read through validate(). */
  private static List<FieldIssue> issues(RequestBody body) {
    if (!body.hasIssues()) return List.of();
    return catchThrowableOfType(ApiException.class, body::validate).details();
  }

  private static FieldIssue issue(String field, String issue) {
    return new FieldIssue(field, issue);
  }

  @Nested
  class Strings {
    @Test
    void readsAStringWithinTheLimit() {
      RequestBody body = body(new JsonObject().put("name", "Spring Show"));
      assertThat(body.string("name", true, 20)).isEqualTo("Spring Show");
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void stringAtExactlyMaxLengthIsAccepted() {
      RequestBody body = body(new JsonObject().put("name", "abcde"));
      assertThat(body.string("name", true, 5)).isEqualTo("abcde");
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void stringOverMaxLengthIsAnIssue() {
      RequestBody body = body(new JsonObject().put("name", "abcdef"));
      assertThat(body.string("name", true, 5)).isNull();
      assertThat(issues(body)).containsExactly(issue("name", "must be at most 5 characters"));
    }

    @Test
    void missingRequiredStringIsRequired() {
      RequestBody body = body(new JsonObject());
      assertThat(body.string("name", true, 5)).isNull();
      assertThat(issues(body)).containsExactly(issue("name", "is required"));
    }

    @Test
    void explicitNullForRequiredIsRequired() {
      RequestBody body = body(new JsonObject().putNull("name"));
      assertThat(body.string("name", true, 5)).isNull();
      assertThat(issues(body)).containsExactly(issue("name", "is required"));
    }

    @Test
    void missingOptionalStringIsNullWithoutIssue() {
      RequestBody body = body(new JsonObject());
      assertThat(body.string("notes", false, 5)).isNull();
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void blankRequiredStringIsAnIssue() {
      RequestBody body = body(new JsonObject().put("name", "   "));
      assertThat(body.string("name", true, 50)).isNull();
      assertThat(issues(body)).containsExactly(issue("name", "must not be blank"));
    }

    @Test
    void blankOptionalStringIsAccepted() {
      RequestBody body = body(new JsonObject().put("notes", " "));
      assertThat(body.string("notes", false, 50)).isEqualTo(" ");
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void nonStringIsAnIssue() {
      RequestBody body = body(new JsonObject().put("name", 42));
      assertThat(body.string("name", true, 50)).isNull();
      assertThat(issues(body)).containsExactly(issue("name", "must be a string"));
    }
  }

  @Nested
  class UuidFields {
    @Test
    void readsACanonicalUuid() {
      RequestBody body = body(new JsonObject().put("id", ID_A));
      assertThat(body.uuid("id", true)).isEqualTo(UUID.fromString(ID_A));
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void rejectsShapesThatUuidFromStringWouldAccept() {
      RequestBody body = body(new JsonObject().put("id", "1-1-1-1-1"));
      assertThat(body.uuid("id", true)).isNull();
      assertThat(issues(body)).containsExactly(issue("id", "must be a UUID"));
    }

    @Test
    void rejectsNonStrings() {
      RequestBody body = body(new JsonObject().put("id", 12345));
      assertThat(body.uuid("id", true)).isNull();
      assertThat(issues(body)).containsExactly(issue("id", "must be a UUID string"));
    }

    @Test
    void missingRequiredUuid() {
      RequestBody body = body(new JsonObject());
      assertThat(body.uuid("id", true)).isNull();
      assertThat(issues(body)).containsExactly(issue("id", "is required"));
    }

    @Test
    void missingOptionalUuid() {
      RequestBody body = body(new JsonObject());
      assertThat(body.uuid("id", false)).isNull();
      assertThat(body.hasIssues()).isFalse();
    }
  }

  @Nested
  class Integers {
    @Test
    void readsIntegersInRangeIncludingBounds() {
      RequestBody body = body(new JsonObject().put("a", 1).put("b", 10).put("c", 5L));
      assertThat(body.integer("a", true, 1, 10)).isEqualTo(1);
      assertThat(body.integer("b", true, 1, 10)).isEqualTo(10);
      assertThat(body.integer("c", true, 1, 10)).isEqualTo(5);
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void wholeNumberWrittenAsDecimalIsAccepted() {
      RequestBody body = body(new JsonObject("{\"a\": 3.0}"));
      assertThat(body.integer("a", true, 0, 10)).isEqualTo(3);
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void fractionIsNotAnInteger() {
      RequestBody body = body(new JsonObject("{\"a\": 1.5}"));
      assertThat(body.integer("a", true, 0, 10)).isNull();
      assertThat(issues(body)).containsExactly(issue("a", "must be an integer"));
    }

    @Test
    void numericStringIsNotAnInteger() {
      RequestBody body = body(new JsonObject().put("a", "3"));
      assertThat(body.integer("a", true, 0, 10)).isNull();
      assertThat(issues(body)).containsExactly(issue("a", "must be an integer"));
    }

    @Test
    void belowAndAboveRangeAreIssues() {
      RequestBody body = body(new JsonObject().put("low", 0).put("high", 11));
      assertThat(body.integer("low", true, 1, 10)).isNull();
      assertThat(body.integer("high", true, 1, 10)).isNull();
      assertThat(issues(body)).containsExactly(
          issue("low", "must be between 1 and 10"), issue("high", "must be between 1 and 10"));
    }

    @Test
    void hugeNumberDoesNotWrapIntoRange() {
      // 2^32 + 5 would become 5 if narrowed to int before the range check.
      RequestBody body = body(new JsonObject().put("a", 4_294_967_301L));
      assertThat(body.integer("a", true, 0, 10)).isNull();
      assertThat(issues(body)).containsExactly(issue("a", "must be between 0 and 10"));
    }

    @Test
    void missingRequiredAndOptional() {
      RequestBody body = body(new JsonObject());
      assertThat(body.integer("opt", false, 0, 1)).isNull();
      assertThat(body.integer("req", true, 0, 1)).isNull();
      assertThat(issues(body)).containsExactly(issue("req", "is required"));
    }
  }

  @Nested
  class Money {
    @Test
    void theLargestAmountIsExactAsAJsonNumberAndOneCentMoreIsRefused() {
      RequestBody body = body(new JsonObject("{\"a\": 999999999999.99, \"b\": 1000000000000}"));
      assertThat(body.decimal("a", true, BigDecimal.ZERO, RequestBody.MAX_MONEY)).isEqualByComparingTo("999999999999.99");
      assertThat(body.decimal("b", true, BigDecimal.ZERO, RequestBody.MAX_MONEY)).isNull();
      assertThat(issues(body)).extracting(ApiException.FieldIssue::field).containsExactly("b");
    }

    @Test
    void aCurrencyIsThreeCapitals() {
      RequestBody body = body(new JsonObject().put("a", "EUR").put("b", "usd").put("c", "EURO").put("d", 978));
      assertThat(body.currency("a", true)).isEqualTo("EUR");
      assertThat(body.currency("b", true)).isNull();
      assertThat(body.currency("c", true)).isNull();
      assertThat(body.currency("d", true)).isNull();
      assertThat(body.currency("missing", false)).isNull();
      assertThat(issues(body)).extracting(ApiException.FieldIssue::field).containsExactly("b", "c", "d");
    }
  }

  @Nested
  class Decimals {
    private final BigDecimal min = new BigDecimal("0");
    private final BigDecimal max = new BigDecimal("1000000");

    @Test
    void readsNumbersAndNumericStrings() {
      RequestBody body = body(new JsonObject("{\"a\": 12.5, \"b\": \"99.99\", \"c\": 7}"));
      assertThat(body.decimal("a", true, min, max)).isEqualByComparingTo("12.5");
      assertThat(body.decimal("b", true, min, max)).isEqualByComparingTo("99.99");
      assertThat(body.decimal("c", true, min, max)).isEqualByComparingTo("7");
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void boundsAreInclusive() {
      RequestBody body = body(new JsonObject().put("a", 0).put("b", 1000000));
      assertThat(body.decimal("a", true, min, max)).isEqualByComparingTo("0");
      assertThat(body.decimal("b", true, min, max)).isEqualByComparingTo("1000000");
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void outOfRangeIsAnIssueNamingPlainBounds() {
      RequestBody body = body(new JsonObject("{\"a\": -0.01, \"b\": 1000000.01}"));
      assertThat(body.decimal("a", true, min, new BigDecimal("1E+6"))).isNull();
      assertThat(body.decimal("b", true, min, max)).isNull();
      assertThat(issues(body)).containsExactly(
          issue("a", "must be between 0 and 1000000"), issue("b", "must be between 0 and 1000000"));
    }

    @Test
    void moreThanTwoDecimalPlacesIsAnIssue() {
      RequestBody body = body(new JsonObject("{\"a\": 1.234, \"b\": \"5.678\"}"));
      assertThat(body.decimal("a", true, min, max)).isNull();
      assertThat(body.decimal("b", true, min, max)).isNull();
      assertThat(issues(body)).containsExactly(
          issue("a", "must have at most 2 decimal places"), issue("b", "must have at most 2 decimal places"));
    }

    @Test
    void nonNumbersAreIssues() {
      RequestBody body = body(new JsonObject().put("a", "ten").put("b", true));
      assertThat(body.decimal("a", true, min, max)).isNull();
      assertThat(body.decimal("b", true, min, max)).isNull();
      assertThat(issues(body)).containsExactly(
          issue("a", "must be a number written in ASCII digits, such as 12.50"), issue("b", "must be a number"));
    }

    @Test
    void missingRequired() {
      RequestBody body = body(new JsonObject());
      assertThat(body.decimal("a", false, min, max)).isNull();
      assertThat(body.decimal("b", true, min, max)).isNull();
      assertThat(issues(body)).containsExactly(issue("b", "is required"));
    }
  }

  @Nested
  class Booleans {
    @Test
    void readsTrueAndFalse() {
      RequestBody body = body(new JsonObject().put("a", true).put("b", false));
      assertThat(body.bool("a", true)).isTrue();
      assertThat(body.bool("b", true)).isFalse();
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void stringsAndNumbersAreNotBooleans() {
      RequestBody body = body(new JsonObject().put("a", "true").put("b", 1));
      assertThat(body.bool("a", true)).isNull();
      assertThat(body.bool("b", true)).isNull();
      assertThat(issues(body)).containsExactly(
          issue("a", "must be true or false"), issue("b", "must be true or false"));
    }

    @Test
    void missing() {
      RequestBody body = body(new JsonObject());
      assertThat(body.bool("a", false)).isNull();
      assertThat(body.bool("b", true)).isNull();
      assertThat(issues(body)).containsExactly(issue("b", "is required"));
    }
  }

  @Nested
  class Timestamps {
    @Test
    void readsUtcAndOffsetTimes() {
      RequestBody body = body(new JsonObject()
          .put("a", "2026-06-15T14:00:00Z").put("b", "2026-06-15T16:00:00.250+02:00"));
      assertThat(body.timestamp("a", true))
          .isEqualTo(OffsetDateTime.of(2026, 6, 15, 14, 0, 0, 0, ZoneOffset.UTC));
      OffsetDateTime b = body.timestamp("b", true);
      assertThat(b.getOffset()).isEqualTo(ZoneOffset.ofHours(2));
      assertThat(b.toInstant()).isEqualTo(Instant.parse("2026-06-15T14:00:00.250Z"));
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void timeWithoutOffsetIsAnIssue() {
      RequestBody body = body(new JsonObject().put("a", "2026-06-15T14:00:00").put("b", "2026-06-15"));
      assertThat(body.timestamp("a", true)).isNull();
      assertThat(body.timestamp("b", true)).isNull();
      String message = "must be an ISO-8601 date-time with offset, e.g. 2026-06-15T14:00:00Z";
      assertThat(issues(body)).containsExactly(issue("a", message), issue("b", message));
    }

    @Test
    void nonStringIsAnIssue() {
      RequestBody body = body(new JsonObject().put("a", 1_780_000_000_000L));
      assertThat(body.timestamp("a", true)).isNull();
      assertThat(issues(body)).containsExactly(issue("a", "must be an ISO-8601 date-time string"));
    }

    @Test
    void missing() {
      RequestBody body = body(new JsonObject());
      assertThat(body.timestamp("a", false)).isNull();
      assertThat(body.timestamp("b", true)).isNull();
      assertThat(issues(body)).containsExactly(issue("b", "is required"));
    }
  }

  @Nested
  class Enums {
    @Test
    void readsLowerCaseWireNames() {
      RequestBody body = body(new JsonObject().put("type", "runway_show"));
      assertThat(body.enumValue("type", EventType.class, true)).isEqualTo(EventType.RUNWAY_SHOW);
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void javaConstantNameIsNotAWireName() {
      RequestBody body = body(new JsonObject().put("type", "RUNWAY_SHOW"));
      assertThat(body.enumValue("type", EventType.class, true)).isNull();
      assertThat(issues(body)).containsExactly(issue("type", "must be one of runway_show, fashion_week, pop_up"));
    }

    @Test
    void unknownAndNonStringValuesAreIssues() {
      RequestBody body = body(new JsonObject().put("a", "gala").put("b", 1));
      assertThat(body.enumValue("a", EventType.class, true)).isNull();
      assertThat(body.enumValue("b", EventType.class, true)).isNull();
      assertThat(issues(body)).extracting(FieldIssue::field).containsExactly("a", "b");
    }

    @Test
    void missing() {
      RequestBody body = body(new JsonObject());
      assertThat(body.enumValue("a", EventType.class, false)).isNull();
      assertThat(body.enumValue("b", EventType.class, true)).isNull();
      assertThat(issues(body)).containsExactly(issue("b", "is required"));
    }

    @Test
    void wireNameHelpers() {
      assertThat(RequestBody.wireName(EventType.FASHION_WEEK)).isEqualTo("fashion_week");
      assertThat(RequestBody.wireNames(EventType.class)).isEqualTo("runway_show, fashion_week, pop_up");
      assertThat(RequestBody.parseEnum(EventType.class, "pop_up")).isEqualTo(EventType.POP_UP);
      assertThat(RequestBody.parseEnum(EventType.class, "Pop_Up")).isNull();
    }
  }

  @Nested
  class StringLists {
    @Test
    void readsStrings() {
      RequestBody body = body(new JsonObject().put("tags", new JsonArray().add("a").add("bc")));
      assertThat(body.stringList("tags", 5, 10)).containsExactly("a", "bc");
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void absentListIsNull() {
      RequestBody body = body(new JsonObject());
      assertThat(body.stringList("tags", 5, 10)).isNull();
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void badItemsAreReportedByIndexAndGoodOnesKept() {
      RequestBody body = body(new JsonObject().put("tags",
          new JsonArray().add("ok").add(" ").add(7).add("toolongvalue").add("fine")));
      assertThat(body.stringList("tags", 10, 5)).containsExactly("ok", "fine");
      String message = "must be a non-blank string of at most 5 characters";
      assertThat(issues(body)).containsExactly(
          issue("tags[1]", message), issue("tags[2]", message), issue("tags[3]", message));
    }

    @Test
    void tooManyItems() {
      RequestBody body = body(new JsonObject().put("tags", new JsonArray().add("a").add("b").add("c")));
      assertThat(body.stringList("tags", 2, 5)).isNull();
      assertThat(issues(body)).containsExactly(issue("tags", "must have at most 2 items"));
    }

    @Test
    void notAnArray() {
      RequestBody body = body(new JsonObject().put("tags", "a,b"));
      assertThat(body.stringList("tags", 2, 5)).isNull();
      assertThat(issues(body)).containsExactly(issue("tags", "must be an array"));
    }
  }

  @Nested
  class UuidLists {
    @Test
    void readsUuids() {
      RequestBody body = body(new JsonObject().put("ids", new JsonArray().add(ID_A).add(ID_B)));
      assertThat(body.uuidList("ids", 5)).containsExactly(UUID.fromString(ID_A), UUID.fromString(ID_B));
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void duplicatesAreReportedEvenInAnotherCase() {
      RequestBody body = body(new JsonObject().put("ids",
          new JsonArray().add(ID_A).add(ID_B).add(ID_A.toUpperCase())));
      assertThat(body.uuidList("ids", 5)).containsExactly(UUID.fromString(ID_A), UUID.fromString(ID_B));
      assertThat(issues(body)).containsExactly(issue("ids[2]", "is listed twice"));
    }

    @Test
    void invalidItemsAreReportedOncePerItem() {
      RequestBody body = body(new JsonObject().put("ids", new JsonArray().add("nope").add(5).add(ID_A)));
      assertThat(body.uuidList("ids", 5)).containsExactly(UUID.fromString(ID_A));
      assertThat(issues(body)).containsExactly(
          issue("ids[0]", "must be a UUID"), issue("ids[1]", "must be a UUID string"));
    }

    @Test
    void tooManyAndNotAnArray() {
      RequestBody body = body(new JsonObject()
          .put("many", new JsonArray().add(ID_A).add(ID_B)).put("single", ID_A));
      assertThat(body.uuidList("many", 1)).isNull();
      assertThat(body.uuidList("single", 1)).isNull();
      assertThat(issues(body)).containsExactly(
          issue("many", "must have at most 1 items"), issue("single", "must be an array"));
    }
  }

  record Member(UUID userId, String role) {}

  @Nested
  class ObjectLists {
    private Member member(RequestBody item) {
      return new Member(item.uuid("user_id", true), item.string("role", true, 20));
    }

    @Test
    void readsEachObjectWithTheReader() {
      RequestBody body = body(new JsonObject().put("team_members", new JsonArray()
          .add(new JsonObject().put("user_id", ID_A).put("role", "designer"))
          .add(new JsonObject().put("user_id", ID_B).put("role", "stylist"))));
      assertThat(body.objectList("team_members", 5, this::member)).containsExactly(
          new Member(UUID.fromString(ID_A), "designer"), new Member(UUID.fromString(ID_B), "stylist"));
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void nestedIssuesCarryTheIndexedPath() {
      RequestBody body = body(new JsonObject().put("team_members", new JsonArray()
          .add(new JsonObject().put("user_id", ID_A))
          .add("not an object")
          .add(new JsonObject().put("user_id", "bad").put("role", "model"))));
      List<Member> members = body.objectList("team_members", 5, this::member);
      assertThat(members).hasSize(2);
      assertThat(issues(body)).containsExactly(
          issue("team_members[0].role", "is required"),
          issue("team_members[1]", "must be an object"),
          issue("team_members[2].user_id", "must be a UUID"));
    }

    @Test
    void listsNestedInListsBuildTheFullPath() {
      RequestBody body = body(new JsonObject().put("looks", new JsonArray()
          .add(new JsonObject().put("pieces", new JsonArray()
              .add(new JsonObject().put("name", "coat"))
              .add(new JsonObject().put("name", 3))))));
      body.objectList("looks", 5, look -> look.objectList("pieces", 5, piece -> piece.string("name", true, 10)));
      assertThat(issues(body)).containsExactly(issue("looks[0].pieces[1].name", "must be a string"));
    }

    @Test
    void tooManyAndNotAnArray() {
      RequestBody body = body(new JsonObject()
          .put("a", new JsonArray().add(new JsonObject()).add(new JsonObject()))
          .put("b", new JsonObject()));
      assertThat(body.objectList("a", 1, this::member)).isNull();
      assertThat(body.objectList("b", 1, this::member)).isNull();
      assertThat(body.objectList("c", 1, this::member)).isNull();
      assertThat(issues(body)).containsExactly(
          issue("a", "must have at most 1 items"), issue("b", "must be an array"));
    }
  }

  @Nested
  class ObjectFields {
    @Test
    void readsAnObject() {
      JsonObject settings = new JsonObject().put("theme", "dark");
      RequestBody body = body(new JsonObject().put("settings", settings));
      assertThat(body.object("settings", true)).isEqualTo(settings);
      assertThat(body.hasIssues()).isFalse();
    }

    @Test
    void nonObjectsAndMissingRequired() {
      RequestBody body = body(new JsonObject().put("a", new JsonArray()).put("b", "x"));
      assertThat(body.object("a", true)).isNull();
      assertThat(body.object("b", false)).isNull();
      assertThat(body.object("c", true)).isNull();
      assertThat(body.object("d", false)).isNull();
      assertThat(issues(body)).containsExactly(
          issue("a", "must be an object"), issue("b", "must be an object"), issue("c", "is required"));
    }
  }

  @Test
  void hasDistinguishesPresentNullFromAbsent() {
    RequestBody body = body(new JsonObject().putNull("venue"));
    assertThat(body.has("venue")).isTrue();
    assertThat(body.has("name")).isFalse();
  }

  @Test
  void validateWithoutIssuesDoesNothing() {
    RequestBody body = body(new JsonObject().put("name", "ok"));
    body.string("name", true, 10);
    body.validate();
    assertThat(body.hasIssues()).isFalse();
  }

  @Test
  void collectsIssuesOfSeveralFieldsAndValidateThrowsOne400() {
    RequestBody body = body(new JsonObject()
        .put("name", "")
        .put("capacity", 1.5)
        .put("type", "gala")
        .put("starts_at", "tomorrow")
        .put("budget", 10.005)
        .put("team_members", new JsonArray().add(new JsonObject().put("user_id", "x").put("role", "lead"))));
    body.string("name", true, 100);
    body.integer("capacity", false, 1, 10_000);
    body.enumValue("type", EventType.class, true);
    body.timestamp("starts_at", true);
    body.decimal("budget", false, BigDecimal.ZERO, new BigDecimal("1000"));
    body.uuid("venue_id", true);
    body.objectList("team_members", 10, item -> new Member(item.uuid("user_id", true), item.string("role", true, 20)));
    body.fail("custom", "is odd");
    assertThat(body.hasIssues()).isTrue();

    ApiException e = catchThrowableOfType(ApiException.class, body::validate);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("validation_failed");
    assertThat(e.getMessage()).isEqualTo(
        "Invalid request: name, capacity, type, starts_at, budget, venue_id, team_members[0].user_id, custom");
    assertThat(e.details()).extracting(FieldIssue::field).containsExactly(
        "name", "capacity", "type", "starts_at", "budget", "venue_id", "team_members[0].user_id", "custom");
    assertThat(e.details()).contains(issue("venue_id", "is required"), issue("custom", "is odd"));
    JsonObject json = e.toJson();
    assertThat(json.getJsonObject("error").getJsonArray("details")).hasSize(8);
  }

  @Test
  void validateMessageNamesAFieldOnceEvenWithSeveralIssues() {
    RequestBody body = body(new JsonObject());
    body.fail("name", "is required");
    body.fail("name", "is odd");
    assertThatThrownBy(body::validate)
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("Invalid request: name");
          assertThat(e.details()).hasSize(2);
        });
  }

  /** What an attacker or an unlucky client sends: refused, in linear time, naming the field. */
  @Nested
  class HostileInput {
    private final BigDecimal min = BigDecimal.ZERO;

    @Test
    void aDecimalWithAHundredThousandZerosIsRefusedBeforeItIsConverted() {
      RequestBody body = body(new JsonObject().put("amount", "1." + "0".repeat(100_000)));
      long started = System.nanoTime();
      assertThat(body.decimal("amount", true, min, RequestBody.MAX_MONEY)).isNull();
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofMillis(50));
      assertThat(issues(body)).containsExactly(issue("amount", "must be a number of at most 40 characters"));
    }

    @Test
    void onlyAsciiDigitsAreNumbers() {
      // "١٢٣" is 123 in Arabic-Indic digits; BigDecimal itself would take it.
      RequestBody body = body(new JsonObject().put("amount", "\u0661\u0662\u0663").put("rate", "1e5").put("ok", "12.50"));
      assertThat(body.decimal("amount", true, min, RequestBody.MAX_MONEY)).isNull();
      assertThat(body.decimal("rate", true, min, RequestBody.MAX_MONEY)).isNull();
      assertThat(body.decimal("ok", true, min, RequestBody.MAX_MONEY)).isEqualByComparingTo("12.50");
      assertThat(issues(body)).extracting(FieldIssue::field).containsExactly("amount", "rate");
    }

    @Test
    void integersAboveTwoToTheSixtyFourAreRangeCheckedNotWrapped() {
      // 2^64 + 100: longValue() would make it 100.
      RequestBody body = body(new JsonObject("{\"a\": 18446744073709551716, \"b\": 1e300, \"c\": 1" + "0".repeat(500) + "}"));
      assertThat(body.integer("a", true, 0, 1_000_000)).isNull();
      assertThat(body.integer("b", true, 0, 1_000_000)).isNull();
      assertThat(body.integer("c", true, 0, 1_000_000)).isNull();
      assertThat(issues(body)).extracting(FieldIssue::field).containsExactly("a", "b", "c");
    }

    @Test
    void hugeJsonNumbersAsMoneyAreRefused() {
      RequestBody body = body(new JsonObject("{\"a\": 1" + "0".repeat(500) + ", \"b\": 1e400}"));
      assertThat(body.decimal("a", true, min, RequestBody.MAX_MONEY)).isNull();
      assertThat(body.decimal("b", true, min, RequestBody.MAX_MONEY)).isNull();
      assertThat(issues(body)).extracting(FieldIssue::field).containsExactly("a", "b");
    }

    @Test
    void dateTimesOutsideYears1900To2200AreRefused() {
      RequestBody body = body(new JsonObject().put("far", "+300000-01-01T00:00:00Z").put("early", "1899-12-31T23:59:59Z")
          .put("first", "1900-01-01T00:00:00Z").put("last", "2200-12-31T23:59:59Z").put("long", "2026-" + "0".repeat(1000)));
      assertThat(body.timestamp("far", true)).isNull();
      assertThat(body.timestamp("early", true)).isNull();
      assertThat(body.timestamp("first", true)).isEqualTo(RequestBody.EARLIEST);
      assertThat(body.timestamp("last", true)).isNotNull();
      assertThat(body.timestamp("long", true)).isNull();
      assertThat(issues(body)).containsExactly(issue("far", RequestBody.TIMESTAMP_RANGE),
          issue("early", RequestBody.TIMESTAMP_RANGE), issue("long", RequestBody.TIMESTAMP_FORMAT));
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefusedWhereverTheyAre() {
      JsonObject json = new JsonObject().put("name", "a\u0000b").put("tags", new JsonArray().add("ok").add("x\ud800"))
          .put("emoji", "\ud83d\udc57").put("nested", new JsonObject().put("k\u0000", "v"));
      RequestBody body = body(json);
      body.string("name", true, 100);
      body.stringList("tags", 5, 10);
      body.string("emoji", true, 10);
      body.object("nested", false);
      assertThat(issues(body)).containsExactly(issue("name", "must not contain NUL characters"),
          issue("tags[1]", "must not contain unpaired surrogate characters"),
          issue("nested.k\ufffd", "has a name that must not contain NUL characters"));
    }

    @Test
    void unknownFieldsAreRefusedOnTheBodyAndInNestedObjects() {
      JsonObject json = new JsonObject().put("name", "Show").put("nmae", "typo").put("id", "echoed")
          .put("lines", new JsonArray().add(new JsonObject().put("amount", 1).put("extra", true)));
      RequestBody body = body(json).ignoring("id");
      body.string("name", true, 100);
      body.objectList("lines", 5, line -> line.decimal("amount", true, min, RequestBody.MAX_MONEY));
      assertThat(body.hasIssues()).isTrue();
      assertThat(issues(body)).containsExactly(issue("nmae", "is not a field of this request"),
          issue("lines[0].extra", "is not a field of this request"));
    }

    @Test
    void aFieldAskedAboutIsKnownEvenWhenAbsentOrNull() {
      RequestBody body = body(new JsonObject().putNull("description"));
      assertThat(body.has("description")).isTrue();
      body.validate();
    }
  }
}
