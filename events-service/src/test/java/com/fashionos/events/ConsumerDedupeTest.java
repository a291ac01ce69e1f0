package com.fashionos.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import io.vertx.core.Future;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Each consumer applies each record once: a redelivery to the same consumer does nothing, while
 * another consumer of the same topic (activity feed and task summaries both read the tasks
 * topic) still applies it.
 */
class ConsumerDedupeTest extends EventsServiceTest {

  @Test
  void dedupeIsPerConsumer() {
    Database database = Database.open(service.vertx, service.database, EventsServiceVerticle.SCHEMA).await();
    try {
      UUID record = UUID.randomUUID();
      AtomicInteger effects = new AtomicInteger();
      boolean first = database.applyOnce("activity", record, "topic", Mutation.internal(null), tx -> {
        effects.incrementAndGet();
        return Future.succeededFuture();
      }).await();
      boolean redelivered = database.applyOnce("activity", record, "topic", Mutation.internal(null), tx -> {
        effects.incrementAndGet();
        return Future.succeededFuture();
      }).await();
      boolean otherConsumer = database.applyOnce("summaries", record, "topic", Mutation.internal(null), tx -> {
        effects.incrementAndGet();
        return Future.succeededFuture();
      }).await();
      assertThat(first).isTrue();
      assertThat(redelivered).isFalse();
      assertThat(otherConsumer).isTrue();
      assertThat(effects).hasValue(2);
    } finally {
      database.close().await();
    }
  }
}
