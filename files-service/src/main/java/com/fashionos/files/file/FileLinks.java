package com.fashionos.files.file;

import com.fashionos.files.storage.Bucket;
import com.fashionos.files.storage.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;

/**
 * The {@code download_url} of a file: a stable URL for a public one (served by files-service
 * through the gateway, whatever the S3 backend's own public access), a presigned URL with an
 * expiry for a private one. Both open the file in a browser tab with no further headers.
 */
public final class FileLinks {
  public static final String PUBLIC_PATH = "/public/v1/files";
  public static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);
  /** The longest a shared link may live (the spec's checklist; SigV4's own limit too). */
  public static final Duration MAX_EXPIRY = Duration.ofDays(7);
  private final ObjectStore store;
  private final String publicBaseUrl;

  public FileLinks(ObjectStore store, String publicBaseUrl) {
    this.store = store;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** The file as the API answers it: its metadata and a link, for a caller already checked. */
  public Future<JsonObject> view(JsonObject row, Duration expiry) {
    JsonObject file = new JsonObject()
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
    if (row.getBoolean("public")) {
      return Future.succeededFuture(file.put("download_url", publicBaseUrl + PUBLIC_PATH + "/" + row.getString("id"))
          .put("expires_at", (String) null));
    }
    Bucket bucket = Bucket.named(row.getString("bucket")).orElseThrow();
    String expiresAt = java.time.Instant.now().plus(expiry).toString();
    return store.presignedUrl(bucket, row.getString("object_key"), expiry, row.getString("file_name"))
        .map(url -> file.put("download_url", url).put("expires_at", expiresAt));
  }

  static UUID id(JsonObject row) {
    return UUID.fromString(row.getString("id"));
  }
}
