package com.fashionos.files;

import com.fashionos.files.file.FileLinks;
import com.fashionos.files.upload.UploadLimits;
import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.S3Config;
import com.fashionos.platform.config.ServiceConfig;

/**
 * files-service settings.
 *
 * @param quotaBytes storage per event; a warning change record goes out at 80%
 * @param uploads timeouts and concurrency of uploads
 * @param links how download links are made and answered
 */
public record FilesServiceConfig(ServiceConfig service, String eventsServiceUrl, S3Config s3, long quotaBytes,
    UploadLimits uploads, FileLinks.Settings links) {

  public static final long DEFAULT_QUOTA_BYTES = 1024L * 1024 * 1024;

  /**
   * PORT (8080), DATABASE_URL, KAFKA_*, JWT_*, EVENTS_SERVICE_URL, S3_*, STORAGE_QUOTA_BYTES, the
   * upload limits' variables ({@link UploadLimits#fromEnv}) and the links' ({@link FileLinks.Settings#fromEnv}).
   */
  public static FilesServiceConfig fromEnv(Env env) {
    return new FilesServiceConfig(ServiceConfig.fromEnv(env),
        env.get("EVENTS_SERVICE_URL", "http://events-service:8080"), S3Config.fromEnv(env),
        Long.parseLong(env.get("STORAGE_QUOTA_BYTES", Long.toString(DEFAULT_QUOTA_BYTES))), UploadLimits.fromEnv(env),
        FileLinks.Settings.fromEnv(env));
  }
}
