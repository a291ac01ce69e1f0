package com.fashionos.files.upload;

import com.fashionos.files.file.FileLinks;
import com.fashionos.files.file.FileRepository;
import com.fashionos.files.file.FileRepository.NewFile;
import com.fashionos.files.storage.Bucket;
import com.fashionos.files.storage.FileNames;
import com.fashionos.files.storage.ObjectStore;
import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.auth.Principal;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.ApiResponse;
import com.fashionos.platform.http.QueryParams;
import com.fashionos.platform.http.Responses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/events/{eventId}/files?bucket=…} with the file in the multipart field
 * {@code file}: checked for permission before a byte is read, typed by its first bytes, streamed
 * to the bucket with its size and SHA-256 counted on the way (413 as soon as the bucket's limit is
 * passed), then recorded. The object and its row both exist or neither does.
 */
public final class UploadHandler {
  private static final Logger LOG = LoggerFactory.getLogger(UploadHandler.class);
  public static final String PATH = "/api/v1/events/:eventId/files";
  /** Room for the multipart framing around the file when judging a declared Content-Length. */
  private static final long MULTIPART_OVERHEAD = 64 * 1024;
  private final Vertx vertx;
  private final Database database;
  private final ObjectStore store;
  private final FileLinks links;
  private final StorageUse storageUse;
  private final FileRepository files = new FileRepository();

  public UploadHandler(Vertx vertx, Database database, ObjectStore store, FileLinks links, StorageUse storageUse) {
    this.vertx = vertx;
    this.database = database;
    this.store = store;
    this.links = links;
    this.storageUse = storageUse;
  }

  /** Runs before authentication on the upload route: nothing of the body is read until the checks pass. */
  public static void holdBody(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause();
    // A refused upload never reads the body; let the rest drain so the connection stays usable.
    ctx.addEndHandler(done -> {
      if (!request.isEnded()) request.resume();
    });
    ctx.next();
  }

  public void handle(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    String bucketName = ctx.request().getParam("bucket");
    Bucket bucket = Bucket.fromParam(bucketName);
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data")) {
      throw new ApiException(415, "unsupported_media_type",
          "Send the file as multipart/form-data, in the field 'file' (what a browser's FormData sends)");
    }
    String length = ctx.request().getHeader("Content-Length");
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > bucket.maxBytes() + MULTIPART_OVERHEAD) {
      throw tooLarge(bucket);
    }
    Principal me = Authentication.principal(ctx);
    database.read(me, conn -> files.rights(conn, eventId)).onComplete(checked -> {
      if (checked.failed()) {
        ctx.fail(checked.cause());
        return;
      }
      FileRepository.Rights rights = checked.result();
      if (!rights.member()) {
        ctx.fail(ApiException.notFound("Event"));
      } else if (!rights.mayUpload(bucket)) {
        ctx.fail(ApiException.forbidden("You don't have permission to upload to " + bucket.bucketName()
            + ": only the event lead uploads there"));
      } else {
        receive(ctx, eventId, bucket, rights.mediaPublic());
      }
    });
  }

  private void receive(RoutingContext ctx, UUID eventId, Bucket bucket, boolean mediaPublic) {
    HttpServerRequest request = ctx.request();
    Upload upload = new Upload(ctx, eventId, bucket, mediaPublic);
    request.setExpectMultipart(true);
    request.uploadHandler(upload::part);
    request.exceptionHandler(e -> upload.abort("the client went away"));
    request.endHandler(v -> upload.requestEnded());
    request.resume();
  }

  static ApiException tooLarge(Bucket bucket) {
    return new ApiException(413, "file_too_large", "The file is over the " + bucket.maxBytes() / (1024 * 1024)
        + " MB limit of " + bucket.bucketName());
  }

  /** One upload request's state; everything but the S3 write runs on the request's event loop. */
  private final class Upload {
    private final RoutingContext ctx;
    private final UUID eventId;
    private final Bucket bucket;
    private final boolean mediaPublic;
    private final UUID fileId = UUID.randomUUID();
    private final Context context = vertx.getOrCreateContext();
    private final MessageDigest sha256;
    private final Buffer head = Buffer.buffer();
    private HttpServerFileUpload part;
    private ChunkPipe pipe;
    private String key;
    private String name;
    private String type;
    private long size;
    /** An answer went out (or is going): ignore the rest of the body. */
    private boolean answered;

    Upload(RoutingContext ctx, UUID eventId, Bucket bucket, boolean mediaPublic) {
      this.ctx = ctx;
      this.eventId = eventId;
      this.bucket = bucket;
      this.mediaPublic = mediaPublic;
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    void part(HttpServerFileUpload next) {
      if (part != null || !"file".equals(next.name()) || answered) {
        next.handler(ignored -> {}); // other fields, a second file: read and dropped
        return;
      }
      part = next;
      name = FileNames.safe(next.filename());
      key = FileNames.objectKey(eventId, bucket, fileId, name);
      next.handler(this::chunk);
      next.endHandler(v -> partEnded());
      next.exceptionHandler(e -> abort("the upload broke off: " + e.getMessage()));
    }

    private void chunk(Buffer chunk) {
      if (answered) return;
      size += chunk.length();
      if (size > bucket.maxBytes()) {
        refuse(tooLarge(bucket));
        return;
      }
      sha256.update(chunk.getBytes());
      if (pipe == null) {
        head.appendBuffer(chunk);
        if (head.length() >= TypeSniffer.HEAD_BYTES) startWriting();
        return;
      }
      pipe.offer(chunk);
      if (pipe.isFull()) part.pause();
    }

    private void partEnded() {
      if (answered) return;
      if (size == 0) {
        refuse(ApiException.invalidField("file", "is empty"));
        return;
      }
      if (pipe == null) startWriting();
      if (!answered) pipe.end();
    }

    void requestEnded() {
      if (part == null && !answered) refuse(ApiException.invalidField("file", "is required: a multipart field named 'file'"));
    }

    /** The first bytes decide the type; an accepted file starts streaming to the bucket. */
    private void startWriting() {
      type = TypeSniffer.detect(head.getBytes());
      if (!bucket.accepts(type)) {
        refuse(new ApiException(415, "unsupported_file_type", "The file's content is " + type + "; "
            + bucket.bucketName() + " takes " + bucket.acceptedTypes() + " (decided from the bytes, not the name)"));
        return;
      }
      pipe = new ChunkPipe(() -> context.runOnContext(v -> {
        if (!answered) part.resume();
      }));
      pipe.offer(head);
      String storedType = "application/x-tika-msoffice".equals(type) ? "application/msword" : type;
      type = storedType;
      vertx.<Void>executeBlocking(() -> {
        store.putBlocking(bucket, key, pipe, storedType);
        return null;
      }, false).onComplete(written -> {
        if (answered) {
          removeObject(); // refused or abandoned meanwhile: nothing may stay behind
        } else if (written.failed()) {
          LOG.warn("Storing {} failed", key, written.cause());
          refuse(new ApiException(503, "storage_unavailable", "The file store cannot take the file now; try again"));
        } else {
          record();
        }
      });
    }

    /** The row, its change record and the storage check in one transaction; the object goes if it fails. */
    private void record() {
      answered = true;
      boolean isPublic = bucket.isPublic(mediaPublic);
      NewFile file = new NewFile(fileId, eventId, bucket, key, name, type, size,
          HexFormat.of().formatHex(sha256.digest()), isPublic);
      Future<ApiResponse> saved = database.write(Mutation.from(ctx), tx -> files.insert(tx.sql(), file)
          .compose(row -> tx.publishRowChange(eventId, "files", Operation.INSERT, row, null)
              .compose(v -> storageUse.check(tx, eventId))
              .compose(v -> links.view(row, FileLinks.DEFAULT_EXPIRY))
              .map(view -> ApiResponse.created(new JsonObject().put("success", true).put("file", view)))))
          .onFailure(e -> removeObject());
      Responses.reply(ctx, saved);
    }

    private void refuse(ApiException why) {
      if (answered) return;
      answered = true;
      if (pipe != null) pipe.abort(why.getMessage());
      // Keep reading (and dropping) the rest so the client gets the answer, not a reset.
      if (part != null) {
        part.handler(ignored -> {});
        part.resume();
      }
      ctx.fail(why);
    }

    void abort(String why) {
      if (answered) return;
      answered = true;
      if (pipe != null) pipe.abort(why);
      LOG.info("Upload {} abandoned: {}", key, why);
    }

    private void removeObject() {
      if (pipe == null) return;
      store.remove(bucket, key).onFailure(e -> LOG.warn("Could not remove the partial object {}", key, e));
    }
  }
}
