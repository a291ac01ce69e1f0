package com.fashionos.platform.config;

/** An S3-compatible object store (s3proxy in standalone and tests, MinIO or S3 in production). */
public record S3Config(String endpoint, String accessKey, String secretKey, String region) {

  /** S3_ENDPOINT (http://minio:9000), S3_ACCESS_KEY and S3_SECRET_KEY (required), S3_REGION (us-east-1). */
  public static S3Config fromEnv(Env env) {
    return new S3Config(env.get("S3_ENDPOINT", "http://minio:9000"),
        env.optional("S3_ACCESS_KEY").orElseThrow(() -> new IllegalArgumentException("S3_ACCESS_KEY is required")),
        env.optional("S3_SECRET_KEY").orElseThrow(() -> new IllegalArgumentException("S3_SECRET_KEY is required")),
        env.get("S3_REGION", "us-east-1"));
  }

  @Override
  public String toString() {
    return "S3Config[" + endpoint + ", region=" + region + "]";
  }
}
