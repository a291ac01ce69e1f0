package com.fashionos.files.upload;

import com.fashionos.files.file.FileRepository;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.db.Transaction;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Per-event storage against its quota: at 80% a {@code storage_usage} change record warns the
 * team, once per crossing (falling back below re-arms it).
 */
public final class StorageUse {
  static final int WARN_AT_PERCENT = 80;
  private final long quotaBytes;
  private final FileRepository files = new FileRepository();

  public StorageUse(long quotaBytes) {
    this.quotaBytes = quotaBytes;
  }

  /** Call last in a transaction that added or removed files: it continues as the service. */
  public Future<Void> check(Transaction tx, UUID eventId) {
    return files.usage(tx.sql(), eventId).compose(used -> {
      int percent = (int) Math.min(100, used * 100 / quotaBytes);
      return tx.actAsService().compose(v -> percent < WARN_AT_PERCENT
          ? files.resetWarning(tx.sql(), eventId)
          : files.noteWarning(tx.sql(), eventId, WARN_AT_PERCENT).compose(first -> !first ? Future.succeededFuture()
              : tx.publishSystemChange(eventId, "storage_usage", Operation.INSERT, new JsonObject()
                  .put("event_id", eventId.toString()).put("used_bytes", used).put("quota_bytes", quotaBytes)
                  .put("used_percentage", percent).put("warning", true), null)));
    });
  }
}
