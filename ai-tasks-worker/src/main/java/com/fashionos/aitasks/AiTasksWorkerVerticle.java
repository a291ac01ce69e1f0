package com.fashionos.aitasks;

import com.fashionos.platform.auth.TokenVerifier;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.db.ServiceSchema;
import com.fashionos.platform.health.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.Optional;

/**
 * ai-tasks-worker: turns every created event into a generated task plan, published as batches on
 * {@code fashionos.task-batches.v1} (schema {@code ai} holds the jobs and the outbox). Serves only
 * health and metrics.
 */
public final class AiTasksWorkerVerticle extends ServiceVerticle {
  public static final ServiceSchema SCHEMA = new ServiceSchema("ai", Topics.TASK_BATCHES);
  private final Optional<TaskPlanner> gemini;

  /** @param gemini the Gemini planner when a key is configured; the built-in planner answers otherwise */
  public AiTasksWorkerVerticle(ServiceConfig config, Optional<TaskPlanner> gemini) {
    super(config);
    this.gemini = gemini;
  }

  @Override
  protected ServiceSchema schema() {
    return SCHEMA;
  }

  @Override
  protected Future<?> startParts(Router router, TokenVerifier verifier) {
    return vertx.deployVerticle(new PlanGenerator(database, new PlanSource(gemini, new BuiltInPlanner())))
        .compose(id -> deployConsumer(new EventCreatedConsumer(config.kafka(), database)));
  }
}
