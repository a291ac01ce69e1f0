package com.fashionos.files.contract;

import com.fashionos.files.FilesChangeRecords;
import com.fashionos.files.storage.Bucket;
import com.fashionos.files.storage.ObjectStore;
import com.fashionos.files.terms.KeyTermsExtractor;
import com.fashionos.files.terms.PdfText;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.Transaction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts the key terms of contracts whose PDF waits for it, one at a time, off the request:
 * woken when a contract gets a file, and every few seconds for what a crash or another replica
 * left pending. The contract's row stays locked (SKIP LOCKED) while its file is read, so two
 * replicas never extract the same one. The terms arrive as the contract's change record.
 */
public final class KeyTermsWorker {
  private static final Logger LOG = LoggerFactory.getLogger(KeyTermsWorker.class);
  private static final long SWEEP_MS = 5_000;
  private final Vertx vertx;
  private final Database database;
  private final ObjectStore store;
  private final ContractRepository contracts = new ContractRepository();
  private boolean running;
  private boolean again;
  private long timer = -1;

  public KeyTermsWorker(Vertx vertx, Database database, ObjectStore store) {
    this.vertx = vertx;
    this.database = database;
    this.store = store;
  }

  public void start() {
    timer = vertx.setPeriodic(SWEEP_MS, id -> wake());
    wake();
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  /** Extracts whatever waits; a wake-up during a run makes it look again afterwards. */
  public void wake() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    extractOne().onComplete(done -> {
      running = false;
      if (done.failed()) LOG.warn("Key term extraction failed", done.cause());
      if (done.succeeded() && done.result() || again) wake();
    });
  }

  /** True when it found a contract to work on. */
  private Future<Boolean> extractOne() {
    return database.internal(Mutation.internal(null), tx -> contracts.claimPending(tx.sql()).compose(pending -> {
      if (pending == null) return Future.succeededFuture(false);
      UUID contractId = UUID.fromString(pending.row().getString("id"));
      UUID eventId = UUID.fromString(pending.row().getString("event_id"));
      return contracts.find(tx.sql(), eventId, contractId).compose(before -> read(pending)
          .compose(terms -> save(tx, eventId, contractId, before, terms, "extracted"),
              failure -> save(tx, eventId, contractId, before,
                  new JsonObject().put("error", "The contract's text could not be read: " + failure.getMessage()), "failed")))
          .map(true);
    }));
  }

  private Future<JsonObject> read(ContractRepository.Pending pending) {
    Bucket bucket = Bucket.named(pending.bucket()).orElseThrow();
    return vertx.executeBlocking(() -> {
      try (InputStream pdf = store.openBlocking(bucket, pending.key())) {
        return KeyTermsExtractor.extract(PdfText.pages(pdf)).toJson();
      }
    }, false);
  }

  /** The terms, and the contract's change records: its row, and as GET reads it before and after. */
  private Future<Void> save(Transaction tx, UUID eventId, UUID contractId, ContractRepository.Found before,
      JsonObject terms, String status) {
    return contracts.saveTerms(tx.sql(), contractId, terms, status)
        .compose(row -> tx.publishSystemChange(eventId, "contracts", Operation.UPDATE, row, before.row()))
        .compose(v -> contracts.find(tx.sql(), eventId, contractId))
        .compose(after -> tx.publishResourceChange(eventId, FilesChangeRecords.CONTRACT, after.resource(),
            before.resource(), true));
  }
}
