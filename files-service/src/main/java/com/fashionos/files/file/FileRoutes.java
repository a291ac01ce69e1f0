package com.fashionos.files.file;

import com.fashionos.files.FilesChangeRecords;
import com.fashionos.files.storage.Bucket;
import com.fashionos.files.storage.ObjectStore;
import com.fashionos.files.upload.StorageUse;
import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
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
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/events/{eventId}/files}: the event's files with their links, a file's link with
 * a chosen expiry, deleting, the event's media setting. (Uploads:
 * {@link com.fashionos.files.upload.UploadHandler}; what the links answer: {@link FileDownloads}.)
 */
public final class FileRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(FileRoutes.class);
  private final Database database;
  private final ObjectStore store;
  private final FileLinks links;
  private final StorageUse storageUse;
  private final FileRepository files = new FileRepository();

  public FileRoutes(Database database, ObjectStore store, FileLinks links, StorageUse storageUse) {
    this.database = database;
    this.store = store;
    this.links = links;
    this.storageUse = storageUse;
  }

  public void mount(Router router) {
    router.get("/api/v1/events/:eventId/files").handler(this::list);
    router.put("/api/v1/events/:eventId/files/settings").handler(this::settings);
    router.get("/api/v1/events/:eventId/files/:fileId").handler(this::detail);
    router.delete("/api/v1/events/:eventId/files/:fileId").handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    QueryParams.accept(ctx, "bucket");
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    String bucketName = QueryParams.string(ctx, "bucket", 40);
    Bucket bucket = bucketName == null ? null : Bucket.fromParam(bucketName);
    String origin = links.origin(ctx);
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> member(conn, eventId)
        .compose(v -> files.list(conn, eventId, bucket)))
        .map(rows -> ApiResponse.ok(new JsonObject().put("total", rows.size()).put("files",
            new JsonArray(rows.stream().map(row -> links.view(row, FileLinks.DEFAULT_EXPIRY, origin)).toList())))));
  }

  /** A file and its link; {@code expires_in} (seconds, up to 7 days) for a link to share. */
  private void detail(RoutingContext ctx) {
    QueryParams.accept(ctx, "expires_in");
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    UUID fileId = QueryParams.pathUuid(ctx, "fileId");
    Duration expiry = Duration.ofSeconds(QueryParams.integer(ctx, "expires_in",
        (int) FileLinks.DEFAULT_EXPIRY.toSeconds(), 1, (int) FileLinks.MAX_EXPIRY.toSeconds()));
    // Members only: a public file is public at its public URL, the API does not show outsiders the event.
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> member(conn, eventId)
            .compose(v -> files.find(conn, eventId, fileId)))
        .map(row -> {
          if (row == null) throw ApiException.notFound("File");
          return ApiResponse.ok(new JsonObject().put("file", links.view(row, expiry, links.origin(ctx))));
        }));
  }

  /** Row first, object after: a failure in between leaves an unreachable object, never a dead link. */
  private void delete(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    UUID fileId = QueryParams.pathUuid(ctx, "fileId");
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> member(tx.sql(), eventId)
        .compose(v -> files.find(tx.sql(), eventId, fileId))
        .compose(row -> {
          if (row == null) throw ApiException.notFound("File");
          return files.delete(tx.sql(), fileId).map(deleted -> {
            if (deleted == null) {
              throw ApiException.forbidden("You don't have permission to delete this file: only "
                  + (Bucket.EVENT_DOCUMENTS.bucketName().equals(row.getString("bucket")) ? "the event lead can"
                  : "its uploader or the event lead can"));
            }
            return deleted;
          });
        })
        .compose(deleted -> tx.publishRowChange(eventId, "files", Operation.DELETE, null, deleted)
            .compose(v -> tx.publishResourceChange(eventId, FilesChangeRecords.FILE, null, FileLinks.metadata(deleted), false))
            .compose(v -> storageUse.check(tx, eventId))
            .map(v -> {
              Bucket bucket = Bucket.named(deleted.getString("bucket")).orElseThrow();
              ctx.addEndHandler(done -> store.remove(bucket, deleted.getString("object_key"))
                  .onFailure(e -> LOG.warn("Could not remove {} after its row", deleted.getString("object_key"), e)));
              return ApiResponse.ok(new JsonObject().put("success", true));
            }))));
  }

  /** {@code {"media_public": true|false}}: whether the event's new media files are public (lead only). */
  private void settings(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    RequestBody body = RequestBody.of(ctx);
    Boolean mediaPublic = body.bool("media_public", true);
    body.validate();
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> files.rights(tx.sql(), eventId).compose(rights -> {
      if (!rights.member()) throw ApiException.notFound("Event");
      if (!rights.lead()) throw ApiException.forbidden("Only the event lead changes the event's file settings");
      return tx.actAsService().compose(v -> files.setMediaPublic(tx.sql(), eventId, mediaPublic));
    }).map(row -> ApiResponse.ok(new JsonObject().put("success", true).put("media_public", mediaPublic)))));
  }

  private Future<Void> member(SqlConnection conn, UUID eventId) {
    return files.rights(conn, eventId).map(rights -> {
      if (!rights.member()) throw ApiException.notFound("Event");
      return null;
    });
  }
}
