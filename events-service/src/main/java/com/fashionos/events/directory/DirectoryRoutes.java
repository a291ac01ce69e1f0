package com.fashionos.events.directory;

import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.ApiResponse;
import com.fashionos.platform.http.QueryParams;
import com.fashionos.platform.http.RequestBody;
import com.fashionos.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/v1/sponsors|designers|venues}: search, read, create, update and delete directory
 * rows. Every signed-in user may do all of it; a row an event still refers to cannot be deleted
 * (409).
 */
public final class DirectoryRoutes {
  /** Read-only fields a client may echo back when it sends a row it read: ignored, not refused. */
  private static final String[] READ_ONLY = {"id", "created_at", "updated_at", "version"};
  private final Database database;

  public DirectoryRoutes(Database database) {
    this.database = database;
  }

  public void mount(Router router) {
    for (Directory directory : Directory.values()) {
      String path = "/api/v1/" + directory.table;
      router.get(path).handler(ctx -> list(ctx, directory));
      router.post(path).handler(ctx -> create(ctx, directory));
      router.get(path + "/:id").handler(ctx -> get(ctx, directory));
      router.put(path + "/:id").handler(ctx -> update(ctx, directory));
      router.delete(path + "/:id").handler(ctx -> delete(ctx, directory));
    }
  }

  private void list(RoutingContext ctx, Directory directory) {
    QueryParams.accept(ctx, "q", "page", "limit");
    String q = QueryParams.string(ctx, "q", 200);
    int page = QueryParams.page(ctx);
    int limit = QueryParams.limit(ctx);
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn ->
        conn.preparedQuery(directory.sql.get("count")).execute(Tuple.from(Arrays.asList(q))).compose(counted -> {
          long total = counted.iterator().next().getLong("total");
          return conn.preparedQuery(directory.sql.get("page")).execute(Tuple.from(Arrays.asList(q, limit, (page - 1) * limit)))
              .map(rows -> ApiResponse.ok(new JsonObject()
                  .put(directory.table, (JsonArray) rows.iterator().next().getValue("items"))
                  .put("total", total).put("page", page).put("limit", limit).put("pages", (total + limit - 1) / limit)));
        })));
  }

  private void get(RoutingContext ctx, Directory directory) {
    QueryParams.accept(ctx);
    UUID id = QueryParams.pathUuid(ctx, "id");
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn ->
        conn.preparedQuery(directory.sql.get("find")).execute(Tuple.of(id))
            .map(rows -> ApiResponse.ok(new JsonObject().put(directory.singular, existing(rows, directory))))));
  }

  private void create(RoutingContext ctx, Directory directory) {
    RequestBody body = RequestBody.of(ctx);
    List<Object> values = new ArrayList<>();
    directory.fields.forEach(field -> values.add(field.read(body, true)));
    body.ignoring(READ_ONLY);
    body.validate();
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx ->
        tx.sql().preparedQuery(directory.sql.get("insert")).execute(Tuple.from(values)).compose(rows -> {
          JsonObject row = existing(rows, directory);
          return publish(tx, directory, Operation.INSERT, row, null)
              .map(v -> ApiResponse.created(new JsonObject().put(directory.singular, row)));
        })));
  }

  private void update(RoutingContext ctx, Directory directory) {
    UUID id = QueryParams.pathUuid(ctx, "id");
    RequestBody body = RequestBody.of(ctx);
    List<Object> args = new ArrayList<>();
    args.add(id);
    for (Directory.Field field : directory.fields) {
      boolean present = body.has(field.name());
      args.add(present);
      args.add(present ? field.read(body, false) : null);
    }
    body.ignoring(READ_ONLY);
    if (body.json().isEmpty()) body.fail("body", "must set at least one field");
    body.validate();
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx ->
        tx.sql().preparedQuery(directory.sql.get("lock")).execute(Tuple.of(id)).compose(locked -> {
          JsonObject before = existing(locked, directory);
          return tx.sql().preparedQuery(directory.sql.get("update")).execute(Tuple.from(args))
              .compose(rows -> {
                JsonObject after = existing(rows, directory);
                return publish(tx, directory, Operation.UPDATE, after, before)
                    .map(v -> ApiResponse.ok(new JsonObject().put(directory.singular, after)));
              });
        })));
  }

  private void delete(RoutingContext ctx, Directory directory) {
    UUID id = QueryParams.pathUuid(ctx, "id");
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx ->
        tx.sql().preparedQuery(directory.sql.get("delete")).execute(Tuple.of(id)).compose(rows ->
            publish(tx, directory, Operation.DELETE, null, existing(rows, directory))
                .map(v -> ApiResponse.ok(new JsonObject().put("success", true))))));
  }

  private static Future<Void> publish(Transaction tx, Directory directory, Operation operation, JsonObject after,
      JsonObject before) {
    return tx.publishRowChange(null, directory.table, operation, after, before);
  }

  private static JsonObject existing(RowSet<Row> rows, Directory directory) {
    if (rows.rowCount() == 0) throw ApiException.notFound(directory.what());
    return (JsonObject) rows.iterator().next().getValue("row");
  }
}
