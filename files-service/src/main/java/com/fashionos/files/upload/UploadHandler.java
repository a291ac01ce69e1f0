package com.fashionos.files.upload;

import com.fashionos.files.FilesChangeRecords;
import com.fashionos.files.file.FileLinks;
import com.fashionos.files.file.FileRepository;
import com.fashionos.files.file.FileRepository.NewFile;
import com.fashionos.files.storage.Bucket;
import com.fashionos.files.storage.FileNames;
import com.fashionos.files.storage.ObjectStore;
import com.fashionos.files.storage.ObjectWriter;
import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.auth.Principal;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.health.Metrics;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.ApiResponse;
import com.fashionos.platform.http.QueryParams;
import com.fashionos.platform.http.Responses;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/events/{eventId}/files?bucket=…} with the file in the multipart field
 * {@code file}: checked for permission before a byte is read, typed by its first bytes, written
 * to the bucket a part at a time with its size and SHA-256 counted on the way (413 as soon as the
 * bucket's limit is passed), then recorded. The object and its row both exist or neither does.
 * Bounded by {@link UploadLimits}: uploads at once per user and in all, an idle timeout and a
 * deadline.
 */
public final class UploadHandler {
  private static final Logger LOG = LoggerFactory.getLogger(UploadHandler.class);
  public static final String PATH = "/api/v1/events/:eventId/files";
  /** A longer client file name is refused rather than cut (most file systems stop at 255 too). */
  static final int MAX_FILE_NAME = 255;
  /** Room for the multipart framing around the file when judging a declared Content-Length. */
  private static final long MULTIPART_OVERHEAD = 64 * 1024;
  private final Vertx vertx;
  private final Database database;
  private final ObjectStore store;
  private final FileLinks links;
  private final StorageUse storageUse;
  private final UploadLimits limits;
  private final UploadSlots slots;
  private final FileRepository files = new FileRepository();

  public UploadHandler(Vertx vertx, Database database, ObjectStore store, FileLinks links, StorageUse storageUse,
      UploadLimits limits) {
    this.vertx = vertx;
    this.database = database;
    this.store = store;
    this.links = links;
    this.storageUse = storageUse;
    this.limits = limits;
    this.slots = new UploadSlots(limits, Metrics.registry(vertx));
  }

  /** Runs before authentication on the upload route: nothing of the body is read until the checks pass. */
  public void holdBody(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause();
    // A refused upload never reads the body; let the rest drain so the connection stays usable.
    ctx.addEndHandler(done -> drain(request, request.bytesRead(), System.nanoTime() + limits.deadline().toNanos()));
    ctx.next();
  }

  /**
   * Reads and drops the rest of an answered request's body, so the client reads the answer rather
   * than a reset, but only while it keeps sending: after an idle timeout without a byte, or past
   * the deadline, its connection is closed.
   */
  private void drain(HttpServerRequest request, long bytesBefore, long deadline) {
    if (request.isEnded()) return;
    request.resume();
    vertx.setTimer(limits.idleTimeout().toMillis(), id -> {
      if (request.isEnded()) return;
      if (request.bytesRead() == bytesBefore || System.nanoTime() > deadline) {
        request.connection().close();
      } else {
        drain(request, request.bytesRead(), deadline);
      }
    });
  }

  public void handle(RoutingContext ctx) {
    QueryParams.accept(ctx, "bucket");
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
    Runnable release;
    try {
      release = slots.take(me.userId());
    } catch (ApiException busy) {
      ctx.response().putHeader("Retry-After", Integer.toString(UploadSlots.RETRY_AFTER_SECONDS));
      throw busy;
    }
    // Given back (once) just before the answer's first byte, so a client that sends its next upload on
    // the answer finds its slot free, or when the connection goes without one; never held while a
    // refused body drains.
    ctx.addHeadersEndHandler(v -> release.run());
    ctx.addEndHandler(done -> release.run());
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
    request.exceptionHandler(upload::broken);
    request.endHandler(v -> upload.requestEnded());
    request.resume();
  }

  /** "10 s", "1.5 s" */
  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
  }

  static ApiException tooLarge(Bucket bucket) {
    return new ApiException(413, "file_too_large", "The file is over the " + bucket.maxBytes() / (1024 * 1024)
        + " MB limit of " + bucket.bucketName());
  }

  /**
   * One upload request's state, all on the request's event loop. Received bytes collect in
   * {@code pending} up to a part; a full part goes to the store while the client is paused, so a
   * client that stops sending holds a little memory, a connection and a slot, never a thread,
   * and only until its idle timeout.
   */
  private final class Upload {
    private final RoutingContext ctx;
    private final HttpServerRequest request;
    private final UUID eventId;
    private final Bucket bucket;
    private final boolean mediaPublic;
    private final UUID fileId = UUID.randomUUID();
    private final Context context = vertx.getOrCreateContext();
    private final MessageDigest sha256;
    /** Received and not yet written: the first bytes until the type is known, then the part being filled. */
    private final PendingBytes pending = new PendingBytes();
    private HttpServerFileUpload part;
    private ObjectWriter writer;
    private String key;
    private String name;
    private String type;
    private long size;
    /**
     * The body's bytes read when last seen moving, and when: exactly at each chunk of the file, at
     * the idle check for anything else (multipart framing, other fields).
     */
    private long lastBytesRead;
    private long lastBytesAt = System.nanoTime();
    private long idleTimer;
    private final long deadlineTimer;
    /** A write to the store is in flight; the client is paused meanwhile, so its silence does not count. */
    private boolean writing;
    private boolean partEnded;
    private boolean bodyEnded;
    /** An answer went out (or is going): ignore the rest of the body. */
    private boolean answered;

    Upload(RoutingContext ctx, UUID eventId, Bucket bucket, boolean mediaPublic) {
      this.ctx = ctx;
      this.request = ctx.request();
      this.eventId = eventId;
      this.bucket = bucket;
      this.mediaPublic = mediaPublic;
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      idleTimer = vertx.setTimer(limits.idleTimeout().toMillis(), id -> checkIdle());
      deadlineTimer = vertx.setTimer(limits.deadline().toMillis(),
          id -> expired("took longer than " + seconds(limits.deadline()) + " in all"));
    }

    void part(HttpServerFileUpload next) {
      if (part != null || !"file".equals(next.name()) || answered) {
        next.handler(ignored -> {}); // other fields, a second file: read and dropped
        return;
      }
      part = next;
      next.exceptionHandler(this::broken);
      String clientName = next.filename() == null ? "" : next.filename();
      if (clientName.length() > MAX_FILE_NAME) {
        refuse(ApiException.invalidField("file", "has a file name of " + clientName.length()
            + " characters; a file name may have at most " + MAX_FILE_NAME + " characters"));
        return;
      }
      name = FileNames.safe(clientName);
      key = FileNames.objectKey(eventId, bucket, fileId, name);
      next.handler(this::chunk);
      next.endHandler(v -> partEnded());
    }

    private void chunk(Buffer chunk) {
      if (answered) return;
      lastBytesRead = request.bytesRead();
      lastBytesAt = System.nanoTime();
      size += chunk.length();
      if (size > bucket.maxBytes()) {
        refuse(tooLarge(bucket));
        return;
      }
      sha256.update(chunk.getBytes());
      pending.add(chunk);
      if (writer == null) {
        if (pending.length() >= TypeSniffer.HEAD_BYTES) startWriting();
      } else {
        writeFullPart();
      }
    }

    private void partEnded() {
      if (answered) return;
      partEnded = true;
      if (size == 0) {
        refuse(ApiException.invalidField("file", "is empty"));
        return;
      }
      if (writer == null) startWriting();
      if (!answered && !writing) finish();
    }

    void requestEnded() {
      bodyEnded = true;
      cancelTimers();
      // After anything of the part still queued behind the request's end has been delivered.
      context.runOnContext(v -> checkComplete());
    }

    /** The body has ended: it must have carried the whole file, closing boundary included. */
    private void checkComplete() {
      if (answered || writing || partEnded) return;
      refuse(part == null ? ApiException.invalidField("file", "is required: a multipart field named 'file'")
          : ApiException.invalidField("file", "was cut off: the body ended before the file's closing multipart boundary"));
    }

    /** The first bytes decide the type; an accepted file starts being written to the bucket. */
    private void startWriting() {
      type = TypeSniffer.detect(pending.peek());
      if (!bucket.accepts(type)) {
        refuse(new ApiException(415, "unsupported_file_type", "The file's content is " + type + "; "
            + bucket.bucketName() + " takes " + bucket.acceptedTypes() + " (decided from the bytes, not the name)"));
        return;
      }
      if ("application/x-tika-msoffice".equals(type)) type = "application/msword";
      writer = new ObjectWriter(store, bucket, key, type);
      writeFullPart();
    }

    /** A full part goes to the store with the client paused; it resumes once the part is stored. */
    private void writeFullPart() {
      if (writing || answered || pending.length() < ObjectStore.PART_SIZE) return;
      byte[] full = pending.take();
      writing = true;
      part.pause();
      writer.write(full).onComplete(written -> {
        writing = false;
        if (answered) {
          discard(); // refused or abandoned meanwhile: nothing may stay behind
        } else if (written.failed()) {
          storeFailed(written.cause());
        } else if (partEnded) {
          finish();
        } else {
          lastBytesAt = System.nanoTime();
          part.resume();
          writeFullPart();
          if (bodyEnded) context.runOnContext(v -> checkComplete());
        }
      });
    }

    /** The whole file is in: the rest goes to the store, then the row. */
    private void finish() {
      byte[] rest = pending.take();
      writing = true;
      writer.finish(rest).onComplete(stored -> {
        writing = false;
        if (answered) {
          discard();
        } else if (stored.failed()) {
          storeFailed(stored.cause());
        } else {
          record();
        }
      });
    }

    private void storeFailed(Throwable cause) {
      LOG.warn("Storing {} failed", key, cause);
      refuse(new ApiException(503, "storage_unavailable", "The file store cannot take the file now; try again"));
    }

    /** The row, its change record and the storage check in one transaction; the object goes if it fails. */
    private void record() {
      answered = true;
      cancelTimers();
      boolean isPublic = bucket.isPublic(mediaPublic);
      NewFile file = new NewFile(fileId, eventId, bucket, key, name, type, size,
          HexFormat.of().formatHex(sha256.digest()), isPublic);
      // The new file is read back as GET reads it, so its record and the answer are what GET answers.
      Future<ApiResponse> saved = database.write(Mutation.from(ctx), tx -> files.insert(tx.sql(), file)
          .compose(row -> tx.publishRowChange(eventId, "files", Operation.INSERT, row, null))
          .compose(v -> files.find(tx.sql(), eventId, fileId))
          .compose(row -> tx.publishResourceChange(eventId, FilesChangeRecords.FILE, FileLinks.metadata(row), null, false)
              .compose(v -> storageUse.check(tx, eventId))
              .map(v -> ApiResponse.created(new JsonObject().put("success", true)
                  .put("file", links.view(row, FileLinks.DEFAULT_EXPIRY, links.origin(ctx)))))))
          .onFailure(e -> discard());
      Responses.reply(ctx, saved);
    }

    private void refuse(ApiException why) {
      if (answered) return;
      answered = true;
      cancelTimers();
      if (!writing) discard();
      // Keep reading (and dropping) the rest so the client gets the answer, not a reset.
      if (part != null) {
        part.handler(ignored -> {});
        part.resume();
      }
      ctx.fail(why);
    }

    /** The request broke: a malformed multipart body is the client's 400, anything else means it went away. */
    void broken(Throwable e) {
      if (e instanceof HttpPostRequestDecoder.TooLongFormFieldException) {
        refuse(ApiException.invalidField("file", "has multipart headers over the 1 KB limit (a file name may have at most "
            + MAX_FILE_NAME + " characters)"));
      } else if (e instanceof DecoderException) {
        refuse(ApiException.invalidField("file", "is not in a well-formed multipart/form-data body"));
      } else if (!answered) {
        answered = true;
        cancelTimers();
        if (!writing) discard();
        LOG.info("Upload {} abandoned: {}", key, e.toString());
      }
    }

    /** No bytes for the idle timeout while the client was the one to send (not while the store was writing). */
    private void checkIdle() {
      if (bodyEnded || answered) return;
      if (request.bytesRead() != lastBytesRead) {
        lastBytesRead = request.bytesRead();
        lastBytesAt = System.nanoTime();
      }
      long idleMs = limits.idleTimeout().toMillis();
      long quietMs = (System.nanoTime() - lastBytesAt) / 1_000_000;
      if (writing || partEnded) {
        idleTimer = vertx.setTimer(idleMs, id -> checkIdle());
      } else if (quietMs >= idleMs) {
        expired("sent nothing for " + seconds(limits.idleTimeout()));
      } else {
        idleTimer = vertx.setTimer(idleMs - quietMs, id -> checkIdle());
      }
    }

    /**
     * Out of time while the file is still being received: 408, and the connection is closed (the
     * rest of the body is never read). Once the file is all in, storing it finishes and answers.
     */
    private void expired(String why) {
      if (bodyEnded || answered || partEnded) return;
      answered = true;
      cancelTimers();
      if (!writing) discard();
      LOG.info("Upload {} timed out: it {}", key == null ? "before its file part" : key, why);
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
      ctx.addEndHandler(done -> request.connection().close());
      ctx.fail(new ApiException(408, "upload_timeout", "The upload " + why + "; send the file again",
          List.of(new ApiException.FieldIssue("file", why))));
    }

    private void cancelTimers() {
      vertx.cancelTimer(idleTimer);
      vertx.cancelTimer(deadlineTimer);
    }

    /** Leaves nothing behind in the store; called once the answer is decided and no write is in flight. */
    private void discard() {
      if (writer == null) return;
      writer.discard().onFailure(e -> LOG.warn("Could not remove the partial upload {}", key, e));
    }
  }
}
