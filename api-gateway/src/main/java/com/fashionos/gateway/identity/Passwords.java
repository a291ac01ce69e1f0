package com.fashionos.gateway.identity;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * bcrypt, run on worker threads (a hash takes tens of milliseconds: never on the event loop).
 * The threads are its own, not Vert.x's shared worker pool: whatever else is slow in the same
 * process (in standalone, every service) cannot queue sign-ins behind it. As many as there are
 * cores (bcrypt is pure CPU, more would only take turns), at least two; unordered, so sign-ins
 * hash in parallel.
 */
final class Passwords {
  /** Supabase Auth's cost too. */
  static final int COST = 10;
  /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
  static final int MAX_BYTES = 72;

  private final WorkerExecutor hashers;
  /** Checked against when the e-mail is unknown, so that answer takes as long as a wrong password. */
  private final String dummyHash;

  private Passwords(WorkerExecutor hashers, String dummyHash) {
    this.hashers = hashers;
    this.dummyHash = dummyHash;
  }

  /** Call from the verticle that uses it: its threads close when that verticle is undeployed. */
  static Future<Passwords> create(Vertx vertx) {
    WorkerExecutor hashers = vertx.createSharedWorkerExecutor("identity-passwords",
        Math.max(2, Runtime.getRuntime().availableProcessors()));
    return hashers.executeBlocking(() -> BCrypt.withDefaults().hashToString(COST, UUID.randomUUID().toString().toCharArray()))
        .map(dummy -> new Passwords(hashers, dummy));
  }

  Future<String> hash(String password) {
    return hashers.executeBlocking(() -> BCrypt.withDefaults().hashToString(COST, password.toCharArray()), false);
  }

  /** Whether {@code password} matches {@code hash}; a null hash (no such user) never matches. */
  Future<Boolean> verify(String password, String hash) {
    return hashers.executeBlocking(() -> {
      boolean matches = BCrypt.verifyer().verify(password.toCharArray(), hash == null ? dummyHash : hash).verified;
      return matches && hash != null;
    }, false);
  }

  static boolean tooLong(String password) {
    return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
  }
}
