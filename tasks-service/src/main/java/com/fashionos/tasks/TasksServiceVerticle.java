package com.fashionos.tasks;

import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.auth.TokenVerifier;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.db.ServiceSchema;
import com.fashionos.platform.health.ServiceVerticle;
import com.fashionos.platform.membership.EventMembershipReadModel;
import com.fashionos.platform.membership.Membership;
import com.fashionos.tasks.task.OverdueSweeper;
import com.fashionos.tasks.task.TaskBatchConsumer;
import com.fashionos.tasks.task.TaskRoutes;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;

/**
 * tasks-service: event tasks with dependencies, critical path and progress (schema
 * {@code tasks}, topic {@code fashionos.tasks.v1}); applies generated plans from
 * {@code fashionos.task-batches.v1}.
 */
public final class TasksServiceVerticle extends ServiceVerticle {
  public static final ServiceSchema SCHEMA = new ServiceSchema("tasks", Topics.TASKS).withMembershipReadModel();
  private final TasksServiceConfig tasksConfig;

  public TasksServiceVerticle(TasksServiceConfig config) {
    super(config.service());
    this.tasksConfig = config;
  }

  @Override
  protected ServiceSchema schema() {
    return SCHEMA;
  }

  @Override
  protected Future<?> startParts(Router router, TokenVerifier verifier) {
    router.route("/api/*").handler(new Authentication(verifier));
    TaskRoutes tasks = new TaskRoutes(database,
        new Membership(database, WebClient.create(vertx), tasksConfig.eventsServiceUrl()));
    tasks.mount(router);
    return deployConsumer(new EventMembershipReadModel(config.kafka(), database, "tasks-service", tasks::recalculate))
        .compose(id -> deployConsumer(new TaskBatchConsumer(config.kafka(), database)))
        .compose(id -> vertx.deployVerticle(new OverdueSweeper(database, tasksConfig.overdueSweepMs())));
  }
}
