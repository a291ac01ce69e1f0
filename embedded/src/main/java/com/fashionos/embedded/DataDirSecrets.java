package com.fashionos.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets a standalone installation makes for itself (the JWT signing key, the local S3
 * credentials, the demo password): random on first start, kept in a file of the data directory
 * that only its owner can read, and read back on every later start, so nothing secret is a
 * constant in the code.
 */
public final class DataDirSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private DataDirSecrets() {}

  /** The secret kept in {@code <dataDir>/<name>}, created from {@code bytes} random bytes on first use. */
  public static String keptIn(Path dataDir, String name, int bytes) {
    Path file = dataDir.resolve(name);
    try {
      if (Files.exists(file)) return Files.readString(file).trim();
      Files.createDirectories(dataDir);
      String secret = random(bytes);
      // Written under a temporary name with owner-only permissions, then moved into place: the
      // file is never readable by others, nor seen half-written.
      Path temp = Files.createTempFile(dataDir, name, ".tmp");
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(temp, secret);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      return secret;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot keep the secret " + file, e);
    }
  }

  /** {@code bytes} random bytes as URL-safe Base64 (letters, digits, '-' and '_'). */
  public static String random(int bytes) {
    byte[] key = new byte[bytes];
    RANDOM.nextBytes(key);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }
}
