package com.fashionos.files.storage;

import io.minio.messages.Part;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * One object written as its bytes arrive, a part at a time: a single PUT if it ends within the
 * first part, a multipart upload otherwise. Nothing is visible under the key until
 * {@link #finish} succeeds, and {@link #discard} leaves nothing behind at any stage. The caller
 * makes one call at a time.
 */
public final class ObjectWriter {
  private final ObjectStore store;
  private final Bucket bucket;
  private final String key;
  private final String contentType;
  private final List<Part> parts = new ArrayList<>();
  private String uploadId;
  private boolean stored;

  public ObjectWriter(ObjectStore store, Bucket bucket, String key, String contentType) {
    this.store = store;
    this.bucket = bucket;
    this.key = key;
    this.contentType = contentType;
  }

  /** Sends a part of at least {@link ObjectStore#PART_SIZE} bytes (the first one starts the multipart upload). */
  public Future<Void> write(byte[] part) {
    Future<String> upload = uploadId != null ? Future.succeededFuture(uploadId)
        : store.startMultipart(bucket, key, contentType).onSuccess(id -> uploadId = id);
    return upload.compose(id -> store.putPart(bucket, key, id, parts.size() + 1, part)).onSuccess(parts::add).mapEmpty();
  }

  /** Stores the rest and makes the object visible. */
  public Future<Void> finish(byte[] rest) {
    Future<Void> done = uploadId == null ? store.put(bucket, key, rest, contentType)
        : (rest.length == 0 ? Future.<Void>succeededFuture() : write(rest))
            .compose(v -> store.completeMultipart(bucket, key, uploadId, parts));
    return done.onSuccess(v -> stored = true);
  }

  /** Removes whatever was written: the object once finished, the multipart upload and its parts before. */
  public Future<Void> discard() {
    if (stored) return store.remove(bucket, key);
    if (uploadId != null) return store.abortMultipart(bucket, key, uploadId);
    return Future.succeededFuture();
  }

  public String key() {
    return key;
  }
}
