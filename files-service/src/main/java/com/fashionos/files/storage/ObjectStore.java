package com.fashionos.files.storage;

import com.fashionos.platform.config.S3Config;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.http.Method;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The S3-compatible store (s3proxy in standalone and tests, MinIO or S3 in production) through
 * the MinIO client. Its calls block, so each runs on a worker thread and answers a Future.
 */
public final class ObjectStore {
  /** Parts of a streamed upload of unknown length; S3's minimum is 5 MiB. */
  private static final long PART_SIZE = 5L * 1024 * 1024;
  private final Vertx vertx;
  private final MinioClient client;

  public ObjectStore(Vertx vertx, S3Config config) {
    this.vertx = vertx;
    this.client = MinioClient.builder().endpoint(config.endpoint()).credentials(config.accessKey(), config.secretKey())
        .region(config.region()).build();
  }

  /** Creates the buckets that do not exist yet. */
  public Future<Void> ensureBuckets() {
    return vertx.executeBlocking(() -> {
      List<Bucket> buckets = Arrays.asList(Bucket.values());
      for (Bucket bucket : buckets) {
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket.bucketName()).build())) {
          client.makeBucket(MakeBucketArgs.builder().bucket(bucket.bucketName()).region(null).build());
        }
      }
      return null;
    });
  }

  /** Stores a stream of unknown length (read on the calling worker thread until its end). */
  public void putBlocking(Bucket bucket, String key, InputStream bytes, String contentType) throws Exception {
    client.putObject(PutObjectArgs.builder().bucket(bucket.bucketName()).object(key)
        .stream(bytes, -1, PART_SIZE).contentType(contentType).build());
  }

  public Future<Void> remove(Bucket bucket, String key) {
    return vertx.executeBlocking(() -> {
      client.removeObject(RemoveObjectArgs.builder().bucket(bucket.bucketName()).object(key).build());
      return null;
    });
  }

  /** A URL that opens the object without credentials until it expires. */
  public Future<String> presignedUrl(Bucket bucket, String key, Duration expiry, String fileName) {
    return vertx.executeBlocking(() -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
        .method(Method.GET).bucket(bucket.bucketName()).object(key).expiry((int) expiry.toSeconds())
        // Opens in the browser tab under its own name.
        .extraQueryParams(java.util.Map.of("response-content-disposition", "inline; filename=\"" + fileName + "\""))
        .build()));
  }

  /** The object's bytes; the caller closes the stream (on a worker thread). */
  public InputStream openBlocking(Bucket bucket, String key) throws Exception {
    return client.getObject(GetObjectArgs.builder().bucket(bucket.bucketName()).object(key).build());
  }
}
