package com.fashionos.aitasks;

import com.fashionos.platform.config.Env;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach Gemini.
 *
 * @param model the Gemini model name, e.g. {@code gemini-2.5-flash}
 * @param baseUrl the API root; null means Google's (tests point it at a local fake server)
 * @param timeout the limit for one attempt; the whole call can take up to
 *     {@code maxAttempts * timeout} plus the backoff between attempts
 * @param maxAttempts how many times one plan request is sent at most (1 = no retry)
 */
public record GeminiConfig(String apiKey, String model, String baseUrl, Duration timeout, int maxAttempts) {

  public static final String DEFAULT_MODEL = "gemini-2.5-flash";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  public GeminiConfig {
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("a Gemini API key is required");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("a Gemini model name is required");
    }
    Objects.requireNonNull(timeout, "timeout");
    // HttpOptions takes the timeout as whole milliseconds in an int.
    if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("GEMINI_TIMEOUT_MS must be between 1 and " + Integer.MAX_VALUE + ", got "
          + timeout.toMillis());
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("GEMINI_MAX_ATTEMPTS must be at least 1, got " + maxAttempts);
    }
  }

  public GeminiConfig(String apiKey) {
    this(apiKey, DEFAULT_MODEL, null, DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS);
  }

  /** Empty without {@code GEMINI_API_KEY}: then the built-in planner is the only planner. */
  public static Optional<GeminiConfig> fromEnv(Env env) {
    return env.optional("GEMINI_API_KEY").map(key -> new GeminiConfig(key,
        env.get("GEMINI_MODEL", DEFAULT_MODEL),
        env.optional("GEMINI_BASE_URL").orElse(null),
        Duration.ofMillis(env.getInt("GEMINI_TIMEOUT_MS", (int) DEFAULT_TIMEOUT.toMillis())),
        env.getInt("GEMINI_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS)));
  }

  @Override
  public String toString() {
    return "GeminiConfig[model=" + model + ", baseUrl=" + (baseUrl == null ? "(Google)" : baseUrl)
        + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts + "]";
  }
}
