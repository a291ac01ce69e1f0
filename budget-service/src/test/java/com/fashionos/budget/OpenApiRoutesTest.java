package com.fashionos.budget;

import com.fashionos.budget.category.BudgetRoutes;
import com.fashionos.budget.expense.ExpenseRoutes;
import com.fashionos.embedded.OpenApiContract;
import com.fashionos.platform.membership.Membership;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every /api/v1 route this service mounts is an operation of docs/openapi.yaml. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class OpenApiRoutesTest {
  @Test
  void everyMountedApiRouteIsDocumented() {
    OpenApiContract.assertRoutesDocumented(router -> {
      Membership membership = new Membership(null, null, null);
      new BudgetRoutes(null, membership, null).mount(router);
      new ExpenseRoutes(null, membership, null, null).mount(router);
    });
  }
}
