package com.fashionos.standalone;

import com.fashionos.platform.config.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Standalone's settings, read once: {@code PORT} (8080), {@code FASHIONOS_DATA_DIR} ({@code ./data})
 * and {@code JWT_SECRET} (generated on first start and kept in the data directory). The engines'
 * own switches (DATABASE_URL, KAFKA_BOOTSTRAP_SERVERS, S3_ENDPOINT) are read by EmbeddedEngines.
 */
record StandaloneConfig(int port, Path dataDir, String jwtSecret, boolean demoData) {

  static StandaloneConfig fromEnv(Env env) {
    Path dataDir = Path.of(env.get("FASHIONOS_DATA_DIR", "data")).toAbsolutePath();
    return new StandaloneConfig(env.getInt("PORT", 8080), dataDir,
        env.optional("JWT_SECRET").orElseGet(() -> jwtSecretIn(dataDir)),
        !env.get("FASHIONOS_DEMO_DATA", "true").equalsIgnoreCase("false"));
  }

  /** The signing key kept in the data directory, created (readable by the owner only) on first start. */
  static String jwtSecretIn(Path dataDir) {
    Path file = dataDir.resolve("jwt-secret");
    try {
      if (Files.exists(file)) return Files.readString(file).trim();
      Files.createDirectories(dataDir);
      byte[] key = new byte[48];
      new SecureRandom().nextBytes(key);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
      Path temp = Files.createTempFile(dataDir, "jwt-secret", ".tmp");
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(temp, secret);
      Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return secret;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot keep the JWT signing key in " + file, e);
    }
  }
}
