package com.fashionos.files.upload;

import com.fashionos.platform.config.Env;
import java.time.Duration;

/**
 * How long an upload may take and how many run at once: a client that stops sending, or sends a
 * trickle, holds a connection and a slot for a bounded time and never a thread.
 *
 * @param idleTimeout the longest a client may send no body bytes mid-upload (408, connection closed)
 * @param deadline the longest a whole upload request may take (408, connection closed); 5 minutes
 *     carry the largest file, 50 MB of event-media, at 170 KB/s
 * @param maxConcurrent uploads received at once by this instance, whoever sends them (503 beyond)
 * @param maxPerUser uploads one user may send at once (429 beyond), below {@code maxConcurrent} so one
 *     user's stalled uploads leave slots for everyone else
 * @param writerThreads threads that hash and send received parts to the store, across all uploads
 */
public record UploadLimits(Duration idleTimeout, Duration deadline, int maxConcurrent, int maxPerUser,
    int writerThreads) {

  public static final UploadLimits DEFAULTS = new UploadLimits(Duration.ofSeconds(10), Duration.ofMinutes(5), 16, 4, 4);

  public UploadLimits {
    if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("UPLOAD_IDLE_TIMEOUT_MS must be > 0");
    if (deadline.compareTo(idleTimeout) < 0) throw new IllegalArgumentException("UPLOAD_DEADLINE_MS must be >= UPLOAD_IDLE_TIMEOUT_MS");
    if (maxPerUser < 1 || maxPerUser > maxConcurrent) {
      throw new IllegalArgumentException("UPLOADS_PER_USER must be between 1 and UPLOADS_MAX_CONCURRENT");
    }
    if (writerThreads < 1) throw new IllegalArgumentException("UPLOAD_WRITER_THREADS must be >= 1");
  }

  /** UPLOAD_IDLE_TIMEOUT_MS (10000), UPLOAD_DEADLINE_MS (300000), UPLOADS_MAX_CONCURRENT (16), UPLOADS_PER_USER (4), UPLOAD_WRITER_THREADS (4). */
  public static UploadLimits fromEnv(Env env) {
    return new UploadLimits(
        Duration.ofMillis(env.getInt("UPLOAD_IDLE_TIMEOUT_MS", (int) DEFAULTS.idleTimeout.toMillis())),
        Duration.ofMillis(env.getInt("UPLOAD_DEADLINE_MS", (int) DEFAULTS.deadline.toMillis())),
        env.getInt("UPLOADS_MAX_CONCURRENT", DEFAULTS.maxConcurrent),
        env.getInt("UPLOADS_PER_USER", DEFAULTS.maxPerUser),
        env.getInt("UPLOAD_WRITER_THREADS", DEFAULTS.writerThreads));
  }
}
