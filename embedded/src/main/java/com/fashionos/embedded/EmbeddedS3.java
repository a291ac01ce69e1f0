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
 * A real S3 API (s3proxy, signature V2 and V4, presigned URLs) in this JVM, storing objects in
 * a directory or in memory.
 */
public final class EmbeddedS3 implements AutoCloseable {
  public static final String ACCESS_KEY = "fashionos";
  public static final String SECRET_KEY = "fashionos-local-secret";
  public static final String REGION = "us-east-1";
  /** How long close() lets in-flight requests finish. */
  private static final long STOP_TIMEOUT_MS = 0;

  private final S3Proxy proxy;
  private final S3Config config;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedS3(S3Proxy proxy) {
    this.proxy = proxy;
    this.config = new S3Config("http://127.0.0.1:" + proxy.getPort(), ACCESS_KEY, SECRET_KEY, REGION);
  }

  /** Starts a store whose buckets are directories under {@code <dataDir>/s3}. */
  public static EmbeddedS3 startPersistent(Path dataDir) {
    Path baseDir = EngineSupport.createDirectories(dataDir.resolve("s3"));
    return start(new FilesystemNio2BlobStore(baseDir.toString()));
  }

  /** Starts an in-memory store; everything is gone after {@link #close()}. */
  public static EmbeddedS3 startTransient() {
    return start(new TransientNio2BlobStore());
  }

  private static EmbeddedS3 start(BlobStore store) {
    QuietLogging.warnOnly("org.gaul");
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(store)
        // Port 0: the connector binds a free port, read back with getPort().
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .stopTimeout(STOP_TIMEOUT_MS)
        .build();
    try {
      proxy.start();
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not start", e);
    }
    return new EmbeddedS3(proxy);
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
