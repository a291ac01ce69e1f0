package com.fashionos.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.OpenApiContract;
import com.fashionos.budget.category.BudgetRoutes;
import com.fashionos.budget.expense.ExpenseRoutes;
import com.fashionos.platform.membership.Membership;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every /api/v1 route this service mounts is an operation of docs/openapi.yaml. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class OpenApiRoutesTest {
  @Test
  void everyMountedApiRouteIsDocumented() {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = Router.router(vertx);
      // Mounting only registers handlers: the routes classes need no live dependencies for it.
      Membership membership = new Membership(null, null, null);
      new BudgetRoutes(null, membership, null).mount(router);
      new ExpenseRoutes(null, membership, null, null).mount(router);
      assertThat(router.getRoutes()).as("routes mounted").isNotEmpty();
      assertThat(OpenApiContract.read(Path.of("..", "docs", "openapi.yaml")).undocumentedRoutes(router))
          .as("routes missing from docs/openapi.yaml").isEmpty();
    } finally {
      vertx.close();
    }
  }
}
