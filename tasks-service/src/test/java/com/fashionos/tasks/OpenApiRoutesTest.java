package com.fashionos.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.OpenApiContract;
import com.fashionos.platform.membership.Membership;
import com.fashionos.tasks.task.TaskRoutes;
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
      new TaskRoutes(null, new Membership(null, null, null)).mount(router);
      assertThat(router.getRoutes()).as("routes mounted").isNotEmpty();
      assertThat(OpenApiContract.read(Path.of("..", "docs", "openapi.yaml")).undocumentedRoutes(router))
          .as("routes missing from docs/openapi.yaml").isEmpty();
    } finally {
      vertx.close();
    }
  }
}
