package com.fashionos.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.platform.config.S3Config;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.http.Method;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3Test {
  private static final byte[] CONTENT = "%PDF-1.7 contract".getBytes(StandardCharsets.UTF_8);

  @Test
  void minioClientPutsGetsAndPresigns() throws Exception {
    try (EmbeddedS3 s3 = EmbeddedS3.startTransient()) {
      MinioClient minio = client(s3.config());
      minio.makeBucket(MakeBucketArgs.builder().bucket("contracts").build());
      put(minio, "contracts", "event-1/contract.pdf");

      try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket("contracts").object("event-1/contract.pdf").build())) {
        assertThat(in.readAllBytes()).isEqualTo(CONTENT);
      }

      String url = minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
          .method(Method.GET).bucket("contracts").object("event-1/contract.pdf").expiry(5, TimeUnit.MINUTES).build());
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<byte[]> signed = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(signed.statusCode()).isEqualTo(200);
      assertThat(signed.body()).isEqualTo(CONTENT);

      // The signature is checked: the same URL without it is refused.
      String unsigned = url.substring(0, url.indexOf('?'));
      assertThat(http.send(HttpRequest.newBuilder(URI.create(unsigned)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode()).isEqualTo(403);
    }
  }

  @Test
  void persistentStoreKeepsObjectsAcrossRestarts(@TempDir Path dataDir) throws Exception {
    try (EmbeddedS3 s3 = EmbeddedS3.startPersistent(dataDir)) {
      MinioClient minio = client(s3.config());
      minio.makeBucket(MakeBucketArgs.builder().bucket("kept").build());
      put(minio, "kept", "a.pdf");
    }
    try (EmbeddedS3 s3 = EmbeddedS3.startPersistent(dataDir)) {
      MinioClient minio = client(s3.config());
      assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket("kept").build())).isTrue();
      try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket("kept").object("a.pdf").build())) {
        assertThat(in.readAllBytes()).isEqualTo(CONTENT);
      }
    }
  }

  static MinioClient client(S3Config config) {
    return MinioClient.builder()
        .endpoint(config.endpoint())
        .credentials(config.accessKey(), config.secretKey())
        .region(config.region())
        .build();
  }

  private static void put(MinioClient minio, String bucket, String object) throws Exception {
    minio.putObject(PutObjectArgs.builder().bucket(bucket).object(object)
        .stream(new ByteArrayInputStream(CONTENT), CONTENT.length, -1)
        .contentType("application/pdf").build());
  }
}
