package com.fashionos.aitasks;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.TaskBatch;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the plans of waiting jobs, one at a time. Planning (Gemini may take seconds) runs on
 * a worker thread outside any transaction; then one transaction marks the job done and puts all
 * its batches in the outbox, so a crash mid-way leaves the job to be planned again and a plan is
 * published once. Woken by the consumer when a job arrives, and by a slow sweep for jobs a dead
 * worker left behind.
 */
final class PlanGenerator extends VerticleBase {
  static final String WAKE_UP = "fashionos.ai-tasks.generate";
  private static final Logger LOG = LoggerFactory.getLogger(PlanGenerator.class);
  private static final long SWEEP_MS = 5_000;
  private final Database database;
  private final PlanSource planner;
  private final GenerationJobs jobs = new GenerationJobs();
  private boolean running;
  private boolean again;

  PlanGenerator(Database database, PlanSource planner) {
    this.database = database;
    this.planner = planner;
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().localConsumer(WAKE_UP, message -> generateWaiting());
    vertx.setPeriodic(SWEEP_MS, id -> generateWaiting());
    generateWaiting();
    return Future.succeededFuture();
  }

  private void generateWaiting() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    next().onComplete(done -> {
      running = false;
      if (done.failed()) LOG.warn("Task plan generation failed, will retry: {}", done.cause().toString());
      if (done.succeeded() && done.result() || again) generateWaiting();
    });
  }

  /** Generates one job; true when there was one. */
  private Future<Boolean> next() {
    return database.internal(Mutation.internal(null), tx -> jobs.claim(tx.sql())).compose(job -> {
      if (job == null) return Future.succeededFuture(false);
      long started = System.nanoTime();
      return vertx.executeBlocking(() -> planner.plan(job.request()), false)
          .compose(plan -> database.internal(Mutation.internal(null), tx -> publish(tx, job, plan))
              .onSuccess(v -> LOG.info("Planned {} tasks ({}) for event {} in {} ms", plan.tasks().size(), plan.source(),
                  job.eventId(), (System.nanoTime() - started) / 1_000_000)))
          .map(true);
    });
  }

  private Future<Void> publish(Transaction tx, GenerationJobs.Job job, PlanSource.Plan plan) {
    List<TaskBatch> batches = PlanBatches.of(job.eventId(), job.planId(), plan.source(), plan.tasks(), PlanBatches.BATCH_SIZE);
    return jobs.finish(tx.sql(), job.eventId(), plan.source(), plan.tasks().size()).compose(mine -> {
      // Another worker finished this job first: roll back, publish nothing twice.
      if (!mine) throw new ApiException(409, "plan_already_published", "Plan already published");
      Future<Void> chain = Future.succeededFuture();
      for (TaskBatch batch : batches) {
        chain = chain.compose(v -> tx.publish(ChangeRecord.of(tx.service().source(), TaskBatch.TYPE,
            "plans/" + job.planId() + "/" + batch.batch(), job.eventId(), batch.toJson())));
      }
      return chain;
    });
  }
}
