package com.fashionos.platform.kafka;

import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * The operator's view of a service's parked records, on the service's own port only (the API
 * gateway forwards {@code /api}, {@code /public} and {@code /realtime}, never {@code /admin}):
 * list them, read one, replay one. See docs/operations.md, "Parked records".
 */
public final class ParkedRecordsAdmin {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;
  private final ParkedRecords parked;
  private final Map<String, ChangeRecordConsumer> consumers;

  /** @param consumers the service's consumers by name, those that can replay what they parked */
  public ParkedRecordsAdmin(ParkedRecords parked, Map<String, ChangeRecordConsumer> consumers) {
    this.parked = parked;
    this.consumers = consumers;
  }

  public void mount(Router router) {
    router.get("/admin/parked-records").handler(this::list);
    router.get("/admin/parked-records/:id").handler(ctx -> parked.describe(id(ctx))
        .compose(record -> record == null ? Future.failedFuture(ApiException.notFound("Parked record"))
            : Future.succeededFuture(record))
        .onSuccess(ctx::json).onFailure(ctx::fail));
    router.post("/admin/parked-records/:id/replay").handler(ctx -> parked.find(id(ctx))
        .compose(record -> {
          if (record == null) return Future.failedFuture(ApiException.notFound("Parked record"));
          ChangeRecordConsumer consumer = consumers.get(record.consumer());
          if (consumer == null) {
            return Future.failedFuture(ApiException.conflict("consumer_not_here",
                "No consumer named " + record.consumer() + " runs in this service"));
          }
          return consumer.replay(record);
        })
        .onSuccess(ctx::json).onFailure(ctx::fail));
  }

  /** {@code ?consumer=} one consumer's only; {@code ?include_replayed=true} the replayed ones too; {@code ?limit=}. */
  private void list(RoutingContext ctx) {
    QueryParams.accept(ctx, "consumer", "include_replayed", "limit");
    parked.list(QueryParams.string(ctx, "consumer", 200), QueryParams.bool(ctx, "include_replayed"),
            QueryParams.integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT))
        .onSuccess(records -> ctx.json(new JsonObject().put("parked_records", records)))
        .onFailure(ctx::fail);
  }

  private static long id(RoutingContext ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw ApiException.invalidField("id", "must be a parked record's number");
    }
  }
}
