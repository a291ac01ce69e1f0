package com.fashionos.realtime;

import com.fashionos.embedded.OpenApiContract;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every /api/v1 route this service mounts is an operation of docs/openapi.yaml. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class OpenApiRoutesTest {
  @Test
  void everyMountedApiRouteIsDocumented() {
    OpenApiContract.assertRoutesDocumented(router -> {
      // The paths RealtimeGatewayVerticle mounts its HTTP fallbacks on.
      router.get(HttpEndpoints.CHANGES_PATH).handler(ctx -> { });
      router.get(HttpEndpoints.STREAM_PATH).handler(ctx -> { });
    });
  }
}
