package com.fashionos.tasks;

import com.fashionos.embedded.OpenApiContract;
import com.fashionos.platform.membership.Membership;
import com.fashionos.tasks.task.TaskRoutes;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every /api/v1 route this service mounts is an operation of docs/openapi.yaml. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class OpenApiRoutesTest {
  @Test
  void everyMountedApiRouteIsDocumented() {
    OpenApiContract.assertRoutesDocumented(router -> {
      new TaskRoutes(null, new Membership(null, null, null)).mount(router);
    });
  }
}
