package com.fashionos.standalone;

import com.fashionos.embedded.DataDirSecrets;
import com.fashionos.platform.config.Env;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Standalone's settings, read once: {@code PORT} (8080), {@code FASHIONOS_DATA_DIR} ({@code ./data}),
 * {@code JWT_SECRET} and {@code FILE_LINK_KEY} (each generated on first start and kept in the data
 * directory, so tokens and download links outlive a restart) and whether to load
 * the demo data ({@code --demo} or {@code FASHIONOS_DEMO=true}; off by default, its accounts'
 * password generated and kept like the signing key). The engines' own switches (DATABASE_URL,
 * KAFKA_BOOTSTRAP_SERVERS, S3_ENDPOINT) are read by EmbeddedEngines.
 */
record StandaloneConfig(int port, Path dataDir, String jwtSecret, String fileLinkKey, boolean demoData) {
  static final String DEMO_ARGUMENT = "--demo";
  private static final int JWT_SECRET_BYTES = 48;
  private static final int FILE_LINK_KEY_BYTES = 32;

  static StandaloneConfig from(Env env, List<String> args) {
    args.stream().filter(arg -> !arg.equals(DEMO_ARGUMENT)).findFirst().ifPresent(arg -> {
      throw new IllegalArgumentException("Unknown argument '" + arg + "'; the only one is " + DEMO_ARGUMENT);
    });
    Path dataDir = Path.of(env.get("FASHIONOS_DATA_DIR", "data")).toAbsolutePath();
    return new StandaloneConfig(env.getInt("PORT", 8080), dataDir,
        env.optional("JWT_SECRET").orElseGet(() -> DataDirSecrets.keptIn(dataDir, "jwt-secret", JWT_SECRET_BYTES)),
        env.optional("FILE_LINK_KEY").orElseGet(() -> DataDirSecrets.keptIn(dataDir, "file-link-key", FILE_LINK_KEY_BYTES)),
        args.contains(DEMO_ARGUMENT) || demoFromEnv(env));
  }

  private static boolean demoFromEnv(Env env) {
    return switch (env.get("FASHIONOS_DEMO", "false").toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException("FASHIONOS_DEMO must be true or false, got '"
          + env.get("FASHIONOS_DEMO", "") + "'");
    };
  }
}
