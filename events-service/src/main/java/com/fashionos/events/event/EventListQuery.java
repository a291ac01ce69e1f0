package com.fashionos.events.event;

import com.fashionos.platform.http.QueryParams;
import com.fashionos.platform.http.RequestBody;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;

/** What {@code GET /api/v1/events} filters on and sorts by. */
record EventListQuery(EventStatus status, boolean includeArchived, String q, EventType type, Sort sort,
    boolean descending) {

  static final String[] PARAMETERS = {"status", "include_archived", "q", "type", "sort", "order", "page", "limit"};

  /** The keys the list sorts by, in their wire names; ties by start date, then id. */
  enum Sort { START_DATE, END_DATE, NAME, CREATED_AT, UPDATED_AT, PROGRESS }

  enum Order { ASC, DESC }

  static EventListQuery from(RoutingContext ctx) {
    Sort sort = QueryParams.enumValue(ctx, "sort", Sort.class);
    Order order = QueryParams.enumValue(ctx, "order", Order.class);
    return new EventListQuery(QueryParams.enumValue(ctx, "status", EventStatus.class),
        QueryParams.bool(ctx, "include_archived"), QueryParams.string(ctx, "q", 200),
        QueryParams.enumValue(ctx, "type", EventType.class), sort == null ? Sort.START_DATE : sort,
        order == Order.DESC);
  }

  /** The filter's arguments ($1-$4 of both statements). */
  Tuple filter() {
    return Tuple.from(Arrays.asList(status == null ? null : RequestBody.wireName(status), includeArchived, q,
        type == null ? null : RequestBody.wireName(type)));
  }

  /** The filter's arguments, then sort key, order, limit and offset ($5-$8 of the page). */
  Tuple page(int limit, int offset) {
    return filter().addValue(RequestBody.wireName(sort)).addValue(descending ? "desc" : "asc")
        .addValue(limit).addValue(offset);
  }
}
