package com.fashionos.aitasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.platform.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeminiConfigTest {
  @Test
  void withoutAKeyThereIsNoConfig() {
    assertThat(GeminiConfig.fromEnv(new Env(Map.of()))).isEmpty();
    assertThat(GeminiConfig.fromEnv(new Env(Map.of("GEMINI_API_KEY", "  ", "GEMINI_MODEL", "x")))).isEmpty();
  }

  @Test
  void aKeyAloneTakesTheDefaults() {
    assertThat(GeminiConfig.fromEnv(new Env(Map.of("GEMINI_API_KEY", "k1")))).contains(
        new GeminiConfig("k1", "gemini-2.5-flash", null, Duration.ofSeconds(30), 3));
  }

  @Test
  void everythingFromTheEnvironment() {
    Env env = new Env(Map.of("GEMINI_API_KEY", "k2", "GEMINI_MODEL", "gemini-2.5-pro", "GEMINI_BASE_URL",
        "http://127.0.0.1:9999", "GEMINI_TIMEOUT_MS", "45000", "GEMINI_MAX_ATTEMPTS", "5"));

    assertThat(GeminiConfig.fromEnv(env)).contains(
        new GeminiConfig("k2", "gemini-2.5-pro", "http://127.0.0.1:9999", Duration.ofSeconds(45), 5));
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> GeminiConfig.fromEnv(new Env(Map.of("GEMINI_API_KEY", "k", "GEMINI_MAX_ATTEMPTS", "0"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GEMINI_MAX_ATTEMPTS");
    assertThatThrownBy(() -> GeminiConfig.fromEnv(new Env(Map.of("GEMINI_API_KEY", "k", "GEMINI_TIMEOUT_MS", "0"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeminiConfig.fromEnv(new Env(Map.of("GEMINI_API_KEY", "k", "GEMINI_TIMEOUT_MS", "soon"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GEMINI_TIMEOUT_MS");
  }

  @Test
  void toStringHidesTheKey() {
    assertThat(new GeminiConfig("secret-key-123").toString()).doesNotContain("secret-key-123")
        .contains("gemini-2.5-flash");
  }
}
