package com.fashionos.files.file;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.http.ApiException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code download_url} of a file, always on the gateway's origin, never the store's: a stable
 * {@value #PUBLIC_PATH}/{id} for a public file, and for a private one a signed
 * {@value #SIGNED_PATH}/{id}?expires=…&sig=… that files-service checks and answers (see
 * {@link FileDownloads}). The signature is the only credential, so the link opens in a browser
 * tab, on another device and after a restart, until it expires.
 */
public final class FileLinks {
  public static final String PUBLIC_PATH = "/public/v1/files";
  public static final String SIGNED_PATH = "/storage/v1/files";
  public static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);
  /** The longest a shared link may live (the spec's checklist). */
  public static final Duration MAX_EXPIRY = Duration.ofDays(7);
  /** What the links sign: a HEAD is a GET without the body. */
  private static final String SIGNED_METHOD = "GET";
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

  /**
   * How links are made and answered.
   *
   * @param publicBaseUrl the origin links start with; when absent, the origin the caller reached
   *     the gateway at (its forwarded host and scheme), so a link works from wherever the API does
   * @param keys what signs private links
   * @param redirectToStore whether a link answers with a redirect to a short-lived presigned URL of
   *     the store's public address ({@code S3_PUBLIC_ENDPOINT}, which clients must reach) instead of
   *     streaming the bytes through files-service
   */
  public record Settings(Optional<String> publicBaseUrl, LinkKeys keys, boolean redirectToStore) {
    public Settings {
      publicBaseUrl = publicBaseUrl.map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** PUBLIC_BASE_URL, FILE_LINK_KEY, FILE_LINK_KEY_PREVIOUS; redirects when S3_PUBLIC_ENDPOINT is set. */
    public static Settings fromEnv(Env env) {
      return new Settings(env.optional("PUBLIC_BASE_URL"), LinkKeys.fromEnv(env), env.optional("S3_PUBLIC_ENDPOINT").isPresent());
    }
  }

  private final Settings settings;

  public FileLinks(Settings settings) {
    this.settings = settings;
  }

  public boolean redirectToStore() {
    return settings.redirectToStore();
  }

  /**
   * Where the caller reached the gateway: PUBLIC_BASE_URL when set, else the forwarded (or own)
   * scheme and host of the request; an empty origin (links relative to the gateway) when the
   * request names no usable host.
   */
  public String origin(RoutingContext ctx) {
    if (settings.publicBaseUrl().isPresent()) return settings.publicBaseUrl().get();
    HttpServerRequest request = ctx.request();
    String host = first(request.getHeader("X-Forwarded-Host"));
    if (host == null && request.authority() != null) host = request.authority().toString();
    String scheme = first(request.getHeader("X-Forwarded-Proto"));
    if (scheme == null) scheme = request.scheme();
    if (host == null || !HOST.matcher(host).matches() || !("http".equals(scheme) || "https".equals(scheme))) return "";
    return scheme + "://" + host;
  }

  /** The nearest proxy's value comes first in a list. */
  private static String first(String header) {
    if (header == null) return null;
    String value = header.split(",", 2)[0].trim();
    return value.isEmpty() ? null : value;
  }

  /**
   * The file as the API answers it without its link ({@code download_url}, {@code expires_at}),
   * which is made per request: what its change records carry, the same for every reader and at any time.
   */
  public static JsonObject metadata(JsonObject row) {
    return new JsonObject()
        .put("id", row.getString("id"))
        .put("event_id", row.getString("event_id"))
        .put("bucket", row.getString("bucket"))
        .put("key", row.getString("object_key"))
        .put("file_name", row.getString("file_name"))
        .put("content_type", row.getString("content_type"))
        .put("size", row.getLong("size_bytes"))
        .put("sha256", row.getString("sha256"))
        .put("public", row.getBoolean("public"))
        .put("uploaded_by", row.getString("uploaded_by"))
        .put("created_at", row.getString("created_at"));
  }

  /** The file as the API answers it: its metadata and a link on {@code origin}, for a caller already checked. */
  public JsonObject view(JsonObject row, Duration expiry, String origin) {
    JsonObject file = metadata(row);
    if (row.getBoolean("public")) {
      return file.put("download_url", origin + PUBLIC_PATH + "/" + row.getString("id")).put("expires_at", (String) null);
    }
    long expires = Instant.now().plus(expiry).getEpochSecond();
    String path = SIGNED_PATH + "/" + row.getString("id");
    return file.put("download_url", origin + path + "?expires=" + expires + "&sig=" + settings.keys().sign(SIGNED_METHOD, path, expires))
        .put("expires_at", Instant.ofEpochSecond(expires).toString());
  }

  /**
   * The file a signed link names, once its signature and expiry are checked: 403
   * {@code link_invalid} for a link not made here (path, expiry or signature changed),
   * {@code link_expired} for one past its time.
   */
  UUID verified(RoutingContext ctx) {
    String path = SIGNED_PATH + "/" + ctx.pathParam("fileId");
    String expires = ctx.request().getParam("expires");
    String signature = ctx.request().getParam("sig");
    if (expires == null || !expires.matches("[0-9]{1,12}") || signature == null
        || !settings.keys().verifies(SIGNED_METHOD, path, Long.parseLong(expires), signature)) {
      throw new ApiException(403, "link_invalid", "This download link is not valid; ask for a new one");
    }
    if (Instant.now().getEpochSecond() >= Long.parseLong(expires)) {
      throw new ApiException(403, "link_expired", "This download link has expired; ask for a new one");
    }
    // Signed by us, so the id is one we wrote.
    return UUID.fromString(ctx.pathParam("fileId"));
  }
}
