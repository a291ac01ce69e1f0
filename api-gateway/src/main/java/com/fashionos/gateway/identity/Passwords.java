package com.fashionos.gateway.identity;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * bcrypt, run on worker threads (a hash takes tens of milliseconds: never on the event loop).
 * Unordered, so sign-ins hash in parallel.
 */
final class Passwords {
  /** Supabase Auth's cost too. */
  static final int COST = 10;
  /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
  static final int MAX_BYTES = 72;

  private final Vertx vertx;
  /** Checked against when the e-mail is unknown, so that answer takes as long as a wrong password. */
  private final String dummyHash;

  private Passwords(Vertx vertx, String dummyHash) {
    this.vertx = vertx;
    this.dummyHash = dummyHash;
  }

  static Future<Passwords> create(Vertx vertx) {
    return vertx.executeBlocking(() -> BCrypt.withDefaults().hashToString(COST, UUID.randomUUID().toString().toCharArray()))
        .map(dummy -> new Passwords(vertx, dummy));
  }

  Future<String> hash(String password) {
    return vertx.executeBlocking(() -> BCrypt.withDefaults().hashToString(COST, password.toCharArray()), false);
  }

  /** Whether {@code password} matches {@code hash}; a null hash (no such user) never matches. */
  Future<Boolean> verify(String password, String hash) {
    return vertx.executeBlocking(() -> {
      boolean matches = BCrypt.verifyer().verify(password.toCharArray(), hash == null ? dummyHash : hash).verified;
      return matches && hash != null;
    }, false);
  }

  static boolean tooLong(String password) {
    return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
  }
}
