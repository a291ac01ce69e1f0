package com.fashionos.platform.config;

/**
 * An S3-compatible object store (s3proxy in standalone and tests, MinIO or S3 in production).
 *
 * @param endpoint where the services reach the store (a cluster address)
 * @param publicEndpoint where browsers reach it: presigned download URLs name this host, which
 *     is part of what they sign
 */
public record S3Config(String endpoint, String accessKey, String secretKey, String region, String publicEndpoint) {

  /** A store browsers reach at the same address as the services. */
  public S3Config(String endpoint, String accessKey, String secretKey, String region) {
    this(endpoint, accessKey, secretKey, region, endpoint);
  }

  /**
   * S3_ENDPOINT (http://minio:9000), S3_PUBLIC_ENDPOINT (S3_ENDPOINT), S3_ACCESS_KEY and
   * S3_SECRET_KEY (required), S3_REGION (us-east-1).
   */
  public static S3Config fromEnv(Env env) {
    String endpoint = env.get("S3_ENDPOINT", "http://minio:9000");
    return new S3Config(endpoint,
        env.optional("S3_ACCESS_KEY").orElseThrow(() -> new IllegalArgumentException("S3_ACCESS_KEY is required")),
        env.optional("S3_SECRET_KEY").orElseThrow(() -> new IllegalArgumentException("S3_SECRET_KEY is required")),
        env.get("S3_REGION", "us-east-1"), env.get("S3_PUBLIC_ENDPOINT", endpoint));
  }

  /** The same store, reached by browsers at {@code publicEndpoint}. */
  public S3Config withPublicEndpoint(String publicEndpoint) {
    return new S3Config(endpoint, accessKey, secretKey, region, publicEndpoint);
  }

  @Override
  public String toString() {
    return "S3Config[" + endpoint + (publicEndpoint.equals(endpoint) ? "" : ", public=" + publicEndpoint)
        + ", region=" + region + "]";
  }
}
