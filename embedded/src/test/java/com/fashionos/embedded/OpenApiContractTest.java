package com.fashionos.embedded;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The checks TestApi runs against docs/openapi.yaml catch drift, and let through what is documented. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class OpenApiContractTest {
  private static final OpenApiContract CONTRACT = OpenApiContract.read(Path.of("..", "docs", "openapi.yaml"));
  private static final String EVENT = "/api/v1/events/6f1c3a52-8d0e-4b6e-9a51-1f2d3c4b5a69";
  private static final String BUDGET = """
      {"event_id":"6f1c3a52-8d0e-4b6e-9a51-1f2d3c4b5a69","currency":"USD","total_budgeted":"100.00","total_actual":"0.00","variance":"100.00",
       "variance_percentage":null,"categories":[],"alerts":[],"suggestions":[]}""";

  @Test
  void aDocumentedAnswerPasses() {
    assertThatCode(() -> CONTRACT.check("GET", EVENT + "/budget", null, 200, BUDGET)).doesNotThrowAnyException();
    assertThatCode(() -> CONTRACT.check("GET", EVENT + "/budget?x=1", null, 400,
        "{\"error\":{\"code\":\"validation_failed\",\"message\":\"x\",\"details\":[{\"field\":\"x\",\"issue\":\"no\"}]}}"))
        .doesNotThrowAnyException();
  }

  @Test
  void moneyAsANumberInAnAnswerFailsNamingTheOperationAndThePointer() {
    assertThatThrownBy(() -> CONTRACT.check("GET", EVENT + "/budget", null, 200, BUDGET.replace("\"total_budgeted\":\"100.00\"", "\"total_budgeted\":100.0")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("GET /api/v1/events/{eventId}/budget")
        .hasMessageContaining("response 200 at /total_budgeted");
  }

  @Test
  void anErrorOutsideTheCommonShapeFails() {
    assertThatThrownBy(() -> CONTRACT.check("GET", EVENT + "/budget", null, 404, "{\"message\":\"not found\"}"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("error");
  }

  @Test
  void anAcceptedRequestWithAnUndocumentedFieldFailsButARefusedOneIsNotChecked() {
    String body = "{\"budgeted_amount\":\"10.00\",\"note\":\"x\"}";
    String answer = "{\"success\":true,\"category\":{\"id\":\"6f1c3a52-8d0e-4b6e-9a51-1f2d3c4b5a69\",\"category\":\"venue\","
        + "\"budgeted\":\"10.00\",\"actual\":\"0.00\",\"variance\":\"10.00\",\"variance_percentage\":\"0.0\","
        + "\"used_percentage\":\"0.0\"},\"budget\":" + BUDGET + "}";
    assertThatThrownBy(() -> CONTRACT.check("PUT", EVENT + "/budget/categories/venue", body, 200, answer))
        .isInstanceOf(AssertionError.class).hasMessageContaining("request at /note");
    assertThatCode(() -> CONTRACT.check("PUT", EVENT + "/budget/categories/venue", body, 400,
        "{\"error\":{\"code\":\"validation_failed\",\"message\":\"note\"}}")).doesNotThrowAnyException();
  }

  @Test
  void anUndocumentedApiPathFailsUnlessItIsRefusedAsMissing() {
    assertThatThrownBy(() -> CONTRACT.check("GET", "/api/v1/me/reminders", null, 200, "{}"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("documents no GET /api/v1/me/reminders");
    assertThatCode(() -> CONTRACT.check("GET", "/api/v1/nothing", null, 404, "{}")).doesNotThrowAnyException();
  }

  @Test
  void anUndocumentedRouteIsListed() {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = Router.router(vertx);
      router.get("/api/v1/events/:id/budget").handler(ctx -> { });
      router.post("/api/v1/events/:id/budget").handler(ctx -> { });
      router.route("/api/*").handler(ctx -> { });
      Assertions.assertThat(CONTRACT.undocumentedRoutes(router)).containsExactly("POST /api/v1/events/:id/budget");
    } finally {
      vertx.close();
    }
  }
}
