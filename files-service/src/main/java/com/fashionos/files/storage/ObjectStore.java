package com.fashionos.files.storage;

import com.fashionos.platform.config.S3Config;
import com.google.common.collect.ImmutableMultimap;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.http.Method;
import io.minio.messages.Part;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The S3-compatible store (s3proxy in standalone and tests, MinIO or S3 in production) through
 * the MinIO client's asynchronous API: no call waits on Vert.x's shared worker pool. Writing a
 * part (signing hashes its bytes, megabytes of CPU) runs on this store's own small executor,
 * and only ever with bytes already received: nothing here waits for a client.
 */
public final class ObjectStore {
  /** Parts of a multipart upload; S3's minimum for all but the last. */
  public static final int PART_SIZE = 5 * 1024 * 1024;
  private final Vertx vertx;
  private final MinioAsyncClient client;
  /**
   * Signs download URLs for the store's public address (the host is part of the signature), and
   * does nothing else: it never connects, so that address need not resolve inside the cluster.
   */
  private final MinioAsyncClient presigner;
  private final WorkerExecutor writers;

  /** @param writerThreads how many parts may be hashed and sent at once, across all uploads */
  public ObjectStore(Vertx vertx, S3Config config, int writerThreads) {
    this.vertx = vertx;
    this.client = clientFor(config, config.endpoint());
    this.presigner = config.publicEndpoint().equals(config.endpoint()) ? client : clientFor(config, config.publicEndpoint());
    this.writers = vertx.createSharedWorkerExecutor("files-store-writers", writerThreads);
  }

  /** The region is given, so the client never asks the store for it. */
  private static MinioAsyncClient clientFor(S3Config config, String endpoint) {
    return MinioAsyncClient.builder().endpoint(endpoint).credentials(config.accessKey(), config.secretKey())
        .region(config.region()).build();
  }

  /** Creates the buckets that do not exist yet. */
  public Future<Void> ensureBuckets() {
    Future<Void> all = Future.succeededFuture();
    for (Bucket bucket : Bucket.values()) {
      all = all.compose(v -> call(() -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket.bucketName()).build())))
          .compose(exists -> exists ? Future.succeededFuture()
              : call(() -> client.makeBucket(MakeBucketArgs.builder().bucket(bucket.bucketName()).build())));
    }
    return all;
  }

  /** Stores a whole object of at most {@link #PART_SIZE} bytes in one request. */
  public Future<Void> put(Bucket bucket, String key, byte[] bytes, String contentType) {
    return writers.executeBlocking(() -> client.putObject(PutObjectArgs.builder().bucket(bucket.bucketName()).object(key)
        .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType(contentType).build()).join(), false)
        .recover(ObjectStore::unwrapped).mapEmpty();
  }

  /** Starts a multipart upload; its parts are invisible until {@link #completeMultipart}. */
  public Future<String> startMultipart(Bucket bucket, String key, String contentType) {
    return call(() -> client.createMultipartUploadAsync(bucket.bucketName(), null, key,
        ImmutableMultimap.of("Content-Type", contentType), null)).map(created -> created.result().uploadId());
  }

  /** Sends part {@code number} (from 1) of a multipart upload. */
  public Future<Part> putPart(Bucket bucket, String key, String uploadId, int number, byte[] bytes) {
    return writers.executeBlocking(() -> new Part(number, client.uploadPartAsync(bucket.bucketName(), null, key,
        bytes, bytes.length, uploadId, number, null, null).join().etag()), false)
        .recover(ObjectStore::unwrapped);
  }

  public Future<Void> completeMultipart(Bucket bucket, String key, String uploadId, List<Part> parts) {
    return call(() -> client.completeMultipartUploadAsync(bucket.bucketName(), null, key, uploadId,
        parts.toArray(Part[]::new), null, null)).mapEmpty();
  }

  /** Drops a multipart upload and the parts it received. */
  public Future<Void> abortMultipart(Bucket bucket, String key, String uploadId) {
    return call(() -> client.abortMultipartUploadAsync(bucket.bucketName(), null, key, uploadId, null, null)).mapEmpty();
  }

  public Future<Void> remove(Bucket bucket, String key) {
    return call(() -> client.removeObject(RemoveObjectArgs.builder().bucket(bucket.bucketName()).object(key).build()));
  }

  /**
   * A URL on the store's public address that opens the object without credentials until it
   * expires, answered with this Content-Disposition. Signing is local (the region is configured,
   * so the client asks the store nothing): no thread is waited for.
   */
  public String presignedUrl(Bucket bucket, String key, Duration expiry, String contentDisposition) {
    return presign(presigner, Method.GET, bucket, key, expiry, Map.of("response-content-disposition", contentDisposition));
  }

  /**
   * A URL on the store's internal address for files-service to read the object with a plain HTTP
   * client: the bytes then stream with back-pressure on the event loop, where the client's
   * getObject would hand over a blocking stream and hold a thread per download.
   */
  public String internalUrl(Method method, Bucket bucket, String key, Duration expiry) {
    return presign(client, method, bucket, key, expiry, Map.of());
  }

  private static String presign(MinioAsyncClient signer, Method method, Bucket bucket, String key, Duration expiry,
      Map<String, String> extraQuery) {
    try {
      return signer.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(method).bucket(bucket.bucketName())
          .object(key).expiry((int) expiry.toSeconds()).extraQueryParams(extraQuery).build());
    } catch (Exception e) {
      throw new IllegalStateException("Cannot sign a URL of " + key, e);
    }
  }

  /** The object's bytes, on a worker thread; the caller closes the stream. */
  public InputStream openBlocking(Bucket bucket, String key) throws Exception {
    try {
      return client.getObject(GetObjectArgs.builder().bucket(bucket.bucketName()).object(key).build()).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** One asynchronous client call as a Future on the caller's context, its own failure unwrapped. */
  private <T> Future<T> call(ClientCall<T> call) {
    CompletableFuture<T> started;
    try {
      started = call.start();
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
    return Future.fromCompletionStage(started, vertx.getOrCreateContext()).recover(ObjectStore::unwrapped);
  }

  /** The client's own exception (an S3 error, an I/O failure), not the CompletableFuture's wrapper. */
  private static <T> Future<T> unwrapped(Throwable e) {
    return Future.failedFuture(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
  }

  @FunctionalInterface
  private interface ClientCall<T> {
    CompletableFuture<T> start() throws Exception;
  }
}
