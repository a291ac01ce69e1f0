package com.fashionos.events;

import com.fashionos.embedded.OpenApiContract;
import com.fashionos.events.activity.ActivityRoutes;
import com.fashionos.events.directory.DirectoryRoutes;
import com.fashionos.events.event.EventLinkRoutes;
import com.fashionos.events.event.EventRoutes;
import com.fashionos.events.notification.NotificationRoutes;
import com.fashionos.events.team.TeamRoutes;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every /api/v1 route this service mounts is an operation of docs/openapi.yaml. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class OpenApiRoutesTest {
  @Test
  void everyMountedApiRouteIsDocumented() {
    OpenApiContract.assertRoutesDocumented(router -> {
      new EventRoutes(null, null).mount(router);
      new EventLinkRoutes(null).mount(router);
      new TeamRoutes(null, null).mount(router);
      new DirectoryRoutes(null).mount(router);
      new ActivityRoutes(null).mount(router);
      new NotificationRoutes(null).mount(router);
    });
  }
}
