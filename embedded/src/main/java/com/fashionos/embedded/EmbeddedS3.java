package com.fashionos.embedded;

import com.fashionos.platform.config.S3Config;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3 API (s3proxy, signature V2 and V4, presigned URLs) in this JVM on 127.0.0.1 only,
 * storing objects in a directory or in memory. Its credentials are random: kept in the data
 * directory for a persistent store (anyone holding them reads every private document), new on
 * every start for a transient one.
 */
public final class EmbeddedS3 implements AutoCloseable {
  public static final String REGION = "us-east-1";
  /** 16 characters, within every S3 implementation's access key length (MinIO allows 3 to 20). */
  static final int ACCESS_KEY_BYTES = 12;
  static final int SECRET_KEY_BYTES = 30;
  /** How long close() lets in-flight requests finish. */
  private static final long STOP_TIMEOUT_MS = 0;

  private final S3Proxy proxy;
  private final S3Config config;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedS3(S3Proxy proxy, String accessKey, String secretKey) {
    this.proxy = proxy;
    this.config = new S3Config("http://127.0.0.1:" + proxy.getPort(), accessKey, secretKey, REGION);
  }

  /**
   * Starts a store whose buckets are directories under {@code <dataDir>/s3}, its credentials kept
   * in {@code <dataDir>/s3-access-key} and {@code s3-secret-key} (owner-only).
   */
  public static EmbeddedS3 startPersistent(Path dataDir) {
    Path baseDir = EngineSupport.createDirectories(dataDir.resolve("s3"));
    return start(new FilesystemNio2BlobStore(baseDir.toString()),
        DataDirSecrets.keptIn(dataDir, "s3-access-key", ACCESS_KEY_BYTES),
        DataDirSecrets.keptIn(dataDir, "s3-secret-key", SECRET_KEY_BYTES));
  }

  /** Starts an in-memory store with new credentials; everything is gone after {@link #close()}. */
  public static EmbeddedS3 startTransient() {
    return start(new TransientNio2BlobStore(), DataDirSecrets.random(ACCESS_KEY_BYTES),
        DataDirSecrets.random(SECRET_KEY_BYTES));
  }

  private static EmbeddedS3 start(BlobStore store, String accessKey, String secretKey) {
    QuietLogging.warnOnly("org.gaul");
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(store)
        // Loopback only; port 0: the connector binds a free port, read back with getPort().
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
        .stopTimeout(STOP_TIMEOUT_MS)
        .build();
    try {
      proxy.start();
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not start", e);
    }
    return new EmbeddedS3(proxy, accessKey, secretKey);
  }

  public S3Config config() {
    return config;
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) return;
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not stop cleanly", e);
    }
  }
}
