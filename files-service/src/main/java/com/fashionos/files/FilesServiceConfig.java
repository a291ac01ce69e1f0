package com.fashionos.files;

import com.fashionos.files.upload.UploadLimits;
import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.S3Config;
import com.fashionos.platform.config.ServiceConfig;

/**
 * files-service settings.
 *
 * @param publicBaseUrl where clients reach the api-gateway: public files' stable URLs start with it
 * @param quotaBytes storage per event; a warning change record goes out at 80%
 * @param uploads timeouts and concurrency of uploads
 */
public record FilesServiceConfig(ServiceConfig service, String eventsServiceUrl, S3Config s3, String publicBaseUrl,
    long quotaBytes, UploadLimits uploads) {

  public static final long DEFAULT_QUOTA_BYTES = 1024L * 1024 * 1024;

  public FilesServiceConfig {
    publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
  }

  /**
   * PORT (8080), DATABASE_URL, KAFKA_*, JWT_*, EVENTS_SERVICE_URL, S3_*, PUBLIC_BASE_URL, STORAGE_QUOTA_BYTES
   * and the upload limits' variables ({@link UploadLimits#fromEnv}).
   */
  public static FilesServiceConfig fromEnv(Env env) {
    return new FilesServiceConfig(ServiceConfig.fromEnv(env),
        env.get("EVENTS_SERVICE_URL", "http://events-service:8080"), S3Config.fromEnv(env),
        env.get("PUBLIC_BASE_URL", "http://localhost:8080"),
        Long.parseLong(env.get("STORAGE_QUOTA_BYTES", Long.toString(DEFAULT_QUOTA_BYTES))), UploadLimits.fromEnv(env));
  }
}
