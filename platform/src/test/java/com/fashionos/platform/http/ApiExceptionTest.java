package com.fashionos.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.platform.http.ApiException.FieldIssue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiExceptionTest {
  @Test
  void toJsonWithDetails() {
    ApiException e = ApiException.badRequest("Invalid request: name, ids[1]",
        List.of(new FieldIssue("name", "is required"), new FieldIssue("ids[1]", "must be a UUID")));
    assertThat(e.toJson()).isEqualTo(new JsonObject().put("error", new JsonObject()
        .put("code", "validation_failed")
        .put("message", "Invalid request: name, ids[1]")
        .put("details", new JsonArray()
            .add(new JsonObject().put("field", "name").put("issue", "is required"))
            .add(new JsonObject().put("field", "ids[1]").put("issue", "must be a UUID")))));
  }

  @Test
  void toJsonWithoutDetailsOmitsThem() {
    JsonObject json = ApiException.notFound("Event").toJson();
    assertThat(json).isEqualTo(new JsonObject().put("error", new JsonObject()
        .put("code", "not_found").put("message", "Event not found")));
    assertThat(json.getJsonObject("error").containsKey("details")).isFalse();
  }

  @Test
  void factoriesCarryStatusAndCode() {
    assertThat(ApiException.unauthorized("x")).extracting(ApiException::status, ApiException::code)
        .containsExactly(401, "unauthorized");
    assertThat(ApiException.forbidden("x")).extracting(ApiException::status, ApiException::code)
        .containsExactly(403, "forbidden");
    assertThat(ApiException.conflict("already_member", "x")).extracting(ApiException::status, ApiException::code)
        .containsExactly(409, "already_member");
    ApiException unprocessable = ApiException.unprocessable("bad_dates", "x", List.of(new FieldIssue("ends_at", "before start")));
    assertThat(unprocessable.status()).isEqualTo(422);
    assertThat(unprocessable.details()).containsExactly(new FieldIssue("ends_at", "before start"));
  }

  @Test
  void invalidFieldNamesTheFieldInMessageAndDetails() {
    ApiException e = ApiException.invalidField("Idempotency-Key", "is too long");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("Invalid Idempotency-Key: is too long");
    assertThat(e.details()).containsExactly(new FieldIssue("Idempotency-Key", "is too long"));
  }

  @Test
  void detailsAreACopy() {
    List<FieldIssue> issues = new ArrayList<>(List.of(new FieldIssue("a", "b")));
    ApiException e = ApiException.badRequest("m", issues);
    issues.add(new FieldIssue("c", "d"));
    assertThat(e.details()).hasSize(1);
  }
}
