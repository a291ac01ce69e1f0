package com.fashionos.platform.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Bearer secrets (refresh tokens, invitation tokens): 256 random bits in URL-safe base64. */
public final class SecretTokens {
  /** What {@link #newToken()} makes: 43 characters of URL-safe base64 without padding. */
  public static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretTokens() {}

  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
