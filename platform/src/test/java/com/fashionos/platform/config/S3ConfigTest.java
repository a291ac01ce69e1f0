package com.fashionos.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class S3ConfigTest {
  private static final Map<String, String> KEYS = Map.of("S3_ACCESS_KEY", "access", "S3_SECRET_KEY", "secret");

  @Test
  void browsersUseTheServicesAddressUnlessToldOtherwise() {
    S3Config internal = S3Config.fromEnv(new Env(KEYS));
    assertThat(internal.endpoint()).isEqualTo("http://minio:9000");
    assertThat(internal.publicEndpoint()).isEqualTo("http://minio:9000");
    assertThat(new S3Config("http://s3:9000", "a", "s", "eu-west-1").publicEndpoint()).isEqualTo("http://s3:9000");

    S3Config split = S3Config.fromEnv(new Env(Map.of("S3_ACCESS_KEY", "access", "S3_SECRET_KEY", "secret",
        "S3_ENDPOINT", "http://minio.fashionos.svc:9000", "S3_PUBLIC_ENDPOINT", "https://files.example.com")));
    assertThat(split.endpoint()).isEqualTo("http://minio.fashionos.svc:9000");
    assertThat(split.publicEndpoint()).isEqualTo("https://files.example.com");
    assertThat(split.toString()).contains("public=https://files.example.com").doesNotContain("secret");
  }
}
