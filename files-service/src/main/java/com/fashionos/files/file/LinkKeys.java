package com.fashionos.files.file;

import com.fashionos.platform.config.Env;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that sign download links: HMAC-SHA256 over the method, the path and the expiry. New
 * links are signed with {@code current}; {@code previous} still verifies during a rotation, so
 * links handed out before it keep working for their lifetime.
 */
public record LinkKeys(String current, Optional<String> previous) {
  /** 32 characters at least: a key of 192 bits or more, however it is written. */
  public static final int MIN_LENGTH = 32;

  public LinkKeys {
    check("FILE_LINK_KEY", current);
    previous.ifPresent(key -> check("FILE_LINK_KEY_PREVIOUS", key));
  }

  /** FILE_LINK_KEY (required), FILE_LINK_KEY_PREVIOUS (during a rotation). */
  public static LinkKeys fromEnv(Env env) {
    return new LinkKeys(env.optional("FILE_LINK_KEY").orElseThrow(() -> new IllegalArgumentException(
        "FILE_LINK_KEY is required: the key download links are signed with (at least " + MIN_LENGTH + " characters)")),
        env.optional("FILE_LINK_KEY_PREVIOUS"));
  }

  private static void check(String name, String key) {
    if (key == null || key.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(name + " must have at least " + MIN_LENGTH + " characters");
    }
  }

  /** The signature of a link, URL-safe Base64. */
  String sign(String method, String path, long expiresEpochSecond) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(current, method, path, expiresEpochSecond));
  }

  /** Whether {@code signature} is one of ours for this link, compared in constant time. */
  boolean verifies(String method, String path, long expiresEpochSecond, String signature) {
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    // Both keys are always tried: the time taken says nothing about which one matched.
    boolean current = MessageDigest.isEqual(mac(this.current, method, path, expiresEpochSecond), given);
    boolean earlier = previous.isPresent() && MessageDigest.isEqual(mac(previous.get(), method, path, expiresEpochSecond), given);
    return current | earlier;
  }

  private static byte[] mac(String key, String method, String path, long expiresEpochSecond) {
    try {
      // Mac instances are not thread-safe; one per signature costs microseconds.
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal((method + "\n" + path + "\n" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Never the keys themselves (configurations get logged). */
  @Override
  public String toString() {
    return "LinkKeys[" + (previous.isPresent() ? "current and previous" : "current") + "]";
  }
}
