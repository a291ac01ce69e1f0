package com.fashionos.files;

import com.fashionos.embedded.OpenApiContract;
import com.fashionos.files.contract.ContractRoutes;
import com.fashionos.files.file.FileRoutes;
import com.fashionos.files.upload.UploadHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every /api/v1 route this service mounts is an operation of docs/openapi.yaml. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class OpenApiRoutesTest {
  @Test
  void everyMountedApiRouteIsDocumented() {
    OpenApiContract.assertRoutesDocumented(router -> {
      router.post(UploadHandler.PATH).handler(ctx -> { });
      new FileRoutes(null, null, null, null).mount(router);
      new ContractRoutes(null, null, null).mount(router);
    });
  }
}
