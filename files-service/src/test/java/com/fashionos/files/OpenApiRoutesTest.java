package com.fashionos.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.OpenApiContract;
import com.fashionos.files.contract.ContractRoutes;
import com.fashionos.files.file.FileRoutes;
import com.fashionos.files.upload.UploadHandler;
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
      router.post(UploadHandler.PATH).handler(ctx -> { });
      new FileRoutes(null, null, null, null).mount(router);
      new ContractRoutes(null, null, null).mount(router);
      assertThat(router.getRoutes()).as("routes mounted").isNotEmpty();
      assertThat(OpenApiContract.read(Path.of("..", "docs", "openapi.yaml")).undocumentedRoutes(router))
          .as("routes missing from docs/openapi.yaml").isEmpty();
    } finally {
      vertx.close();
    }
  }
}
