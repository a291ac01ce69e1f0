package com.fashionos.files.file;

import com.fashionos.files.storage.Bucket;
import com.fashionos.files.storage.ObjectStore;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.QueryParams;
import io.minio.http.Method;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two kinds of download link, answered: {@value FileLinks#SIGNED_PATH}/{id} (a private file,
 * for whoever holds a link whose signature and expiry hold) and {@value FileLinks#PUBLIC_PATH}/{id}
 * (a public file, for anyone). Either the bytes stream from the store through this service (the
 * default: the store stays unexposed) or, when the store has an address clients reach, the answer
 * is a redirect to a short-lived presigned URL there.
 */
public final class FileDownloads {
  private static final Logger LOG = LoggerFactory.getLogger(FileDownloads.class);
  /** A redirect's presigned URL: long enough to follow it, short enough that it is not the link to share. */
  static final Duration REDIRECT_EXPIRY = Duration.ofMinutes(10);
  /** Only the request to the store uses it, right away. */
  private static final Duration INTERNAL_EXPIRY = Duration.ofMinutes(1);
  /** Downloads streaming at once; more wait for a connection to the store. */
  private static final int STORE_CONNECTIONS = 100;
  /** A stalled client (or store) releases its connection after this long without a byte. */
  private static final int IDLE_TIMEOUT_SECONDS = 60;
  /** Shown in the tab; anything else (whatever a media bucket takes) is saved, never rendered on the gateway's origin. */
  private static final Set<String> INLINE_TYPES = Set.of("application/pdf", "text/plain", "image/jpeg", "image/png",
      "image/webp", "image/gif", "video/mp4");
  /** What a download answer repeats of the store's. */
  private static final List<CharSequence> STORE_HEADERS = List.of(HttpHeaders.CONTENT_LENGTH, "Content-Range",
      HttpHeaders.ACCEPT_RANGES, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED);
  /** What a download request passes on to the store: ranges and revalidation. */
  private static final List<CharSequence> CLIENT_HEADERS = List.of("Range", "If-Range", HttpHeaders.IF_NONE_MATCH,
      HttpHeaders.IF_MODIFIED_SINCE);

  private final Database database;
  private final ObjectStore store;
  private final FileLinks links;
  private final HttpClient storeClient;
  private final FileRepository files = new FileRepository();

  public FileDownloads(Vertx vertx, Database database, ObjectStore store, FileLinks links) {
    this.database = database;
    this.store = store;
    this.links = links;
    this.storeClient = vertx.httpClientBuilder()
        .with(new HttpClientOptions().setIdleTimeout(IDLE_TIMEOUT_SECONDS).setConnectTimeout(10_000))
        .with(new PoolOptions().setHttp1MaxSize(STORE_CONNECTIONS))
        .build();
  }

  public void mount(Router router) {
    for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
      router.route(method, FileLinks.SIGNED_PATH + "/:fileId").handler(this::signed);
      router.route(method, FileLinks.PUBLIC_PATH + "/:fileId").handler(this::publicFile);
    }
  }

  /** A signed link: 403 unless it is ours and current; 410 once its file is deleted (it did exist: we signed it). */
  private void signed(RoutingContext ctx) {
    QueryParams.accept(ctx, "expires", "sig");
    UUID fileId = links.verified(ctx);
    files.findAny(database.pool(), fileId).onSuccess(row -> {
      if (row == null) {
        ctx.fail(new ApiException(410, "file_deleted", "The file of this link has been deleted"));
      } else {
        answer(ctx, row, links.redirectToStore() ? "no-store" : "private");
      }
    }).onFailure(ctx::fail);
  }

  /**
   * A public file, for anyone: the stable address of event-images and public media. A redirect
   * may be cached for less time than its presigned URL lives.
   */
  private void publicFile(RoutingContext ctx) {
    QueryParams.accept(ctx);
    UUID fileId = QueryParams.pathUuid(ctx, "fileId");
    files.findPublic(database.pool(), fileId).onSuccess(row -> {
      if (row == null) {
        ctx.fail(ApiException.notFound("File"));
      } else {
        answer(ctx, row, "public, max-age=300");
      }
    }).onFailure(ctx::fail);
  }

  private void answer(RoutingContext ctx, JsonObject row, String cacheControl) {
    Bucket bucket = Bucket.named(row.getString("bucket")).orElseThrow();
    String key = row.getString("object_key");
    if (links.redirectToStore()) {
      ctx.response().setStatusCode(302)
          .putHeader(HttpHeaders.LOCATION, store.presignedUrl(bucket, key, REDIRECT_EXPIRY, disposition(row)))
          .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl).end();
      return;
    }
    boolean head = ctx.request().method() == HttpMethod.HEAD;
    RequestOptions options = new RequestOptions()
        .setMethod(head ? HttpMethod.HEAD : HttpMethod.GET)
        .setAbsoluteURI(store.internalUrl(head ? Method.HEAD : Method.GET, bucket, key, INTERNAL_EXPIRY));
    for (CharSequence name : CLIENT_HEADERS) {
      String value = ctx.request().getHeader(name);
      if (value != null) options.putHeader(name, value);
    }
    storeClient.request(options).compose(request -> request.send()).onComplete(sent -> {
      if (sent.failed()) {
        LOG.warn("Reading {} from the store failed: {}", key, sent.cause().toString());
        ctx.fail(storeUnavailable());
      } else {
        relay(ctx, sent.result(), row, cacheControl);
      }
    });
  }

  /**
   * The store's answer, passed on with this file's type and name; its body is piped, so a slow
   * client pauses the read from the store and nothing but a chunk in flight is held.
   */
  private void relay(RoutingContext ctx, HttpClientResponse from, JsonObject row, String cacheControl) {
    int status = from.statusCode();
    if (status != 200 && status != 206 && status != 304) {
      // The store's own (XML) error body is read and dropped: it is not the client's business.
      from.body();
      if (status == 404) {
        ctx.fail(ApiException.notFound("File"));
      } else if (status == 416) {
        ctx.fail(new ApiException(416, "range_not_satisfiable", "The file has " + row.getLong("size_bytes")
            + " bytes; the Range asked for is outside them"));
      } else {
        LOG.warn("The store answered {} for {}", status, row.getString("object_key"));
        ctx.fail(storeUnavailable());
      }
      return;
    }
    HttpServerResponse out = ctx.response().setStatusCode(status);
    for (CharSequence name : STORE_HEADERS) {
      String value = from.getHeader(name);
      if (value != null) out.putHeader(name, value);
    }
    out.putHeader(HttpHeaders.CONTENT_TYPE, row.getString("content_type"))
        .putHeader(HttpHeaders.CONTENT_DISPOSITION, disposition(row))
        .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
        .putHeader("X-Content-Type-Options", "nosniff");
    from.exceptionHandler(e -> LOG.debug("Reading {} broke off: {}", row.getString("object_key"), e.toString()));
    from.pipe().endOnFailure(false).to(out).onFailure(e -> {
      // The client went away (or the store broke off): drop both connections, keep nothing.
      LOG.debug("Download of {} broke off: {}", row.getString("object_key"), e.toString());
      from.request().reset();
      out.reset();
    });
  }

  /**
   * {@code inline} for the types a browser shows safely, {@code attachment} otherwise; the name
   * is the stored safe name (letters, digits, '.', '-', '_'), in ASCII for old clients and in
   * UTF-8 (RFC 6266) for the rest.
   */
  static String disposition(JsonObject row) {
    String name = row.getString("file_name");
    String type = INLINE_TYPES.contains(row.getString("content_type")) ? "inline" : "attachment";
    String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return type + "; filename=\"" + ascii + "\"; filename*=UTF-8''"
        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static ApiException storeUnavailable() {
    return new ApiException(503, "storage_unavailable", "The file store cannot be read now; try again");
  }
}
