package com.fashionos.platform.config;

/** An S3-compatible object store (s3proxy in standalone and tests, MinIO or S3 in production). */
public record S3Config(String endpoint, String accessKey, String secretKey, String region) {

  @Override
  public String toString() {
    return "S3Config[" + endpoint + ", region=" + region + "]";
  }
}
