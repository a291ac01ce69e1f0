package com.fashionos.platform.db;

import com.fashionos.platform.auth.Principal;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.ChangeSuperseded;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.ResourceChange;
import com.fashionos.platform.change.RowChange;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.UUID;

/**
 * One database transaction of a change: the connection, who acts and when, and the outbox the
 * change records go to. Records are committed or rolled back together with the rows.
 */
public final class Transaction {
  private final SqlConnection sql;
  private final Mutation mutation;
  private final ServiceSchema service;
  private final Outbox outbox;

  Transaction(SqlConnection sql, Mutation mutation, ServiceSchema service, Outbox outbox) {
    this.sql = sql;
    this.mutation = mutation;
    this.service = service;
    this.outbox = outbox;
  }

  public SqlConnection sql() {
    return sql;
  }

  public Mutation mutation() {
    return mutation;
  }

  public Principal principal() {
    return mutation.principal();
  }

  /**
   * Publishes a row change of one of this service's tables, made by the acting user. An update
   * that changed no field publishes nothing: there is nothing for a reader to learn.
   */
  public Future<Void> publishRowChange(UUID eventId, String table, Operation operation, JsonObject newRow,
      JsonObject oldRow) {
    return publishRowChange(eventId, table, operation, newRow, oldRow,
        principal() == null ? null : principal().userId());
  }

  /**
   * Publishes a change the system derived (a rule's consequence, a sweep, a generated plan):
   * it has no actor, so it is not a person's action in the activity feed.
   */
  public Future<Void> publishSystemChange(UUID eventId, String table, Operation operation, JsonObject newRow,
      JsonObject oldRow) {
    return publishRowChange(eventId, table, operation, newRow, oldRow, null);
  }

  /** Publishes many derived changes of one table at once (large reschedules stay two round trips). */
  public Future<Void> publishSystemChanges(UUID eventId, String table, java.util.List<JsonObject[]> newAndOldRows) {
    java.util.List<ChangeRecord> records = new java.util.ArrayList<>();
    for (JsonObject[] rows : newAndOldRows) {
      ChangeRecord record = rowChangeRecord(eventId, table, rows[1] == null ? Operation.INSERT : Operation.UPDATE,
          rows[0], rows[1], null);
      if (record != null) records.add(record);
    }
    if (outbox == null) throw new IllegalStateException(service.name() + " publishes no change records");
    return outbox.appendAll(sql, records);
  }

  private Future<Void> publishRowChange(UUID eventId, String table, Operation operation, JsonObject newRow,
      JsonObject oldRow, UUID actor) {
    ChangeRecord record = rowChangeRecord(eventId, table, operation, newRow, oldRow, actor);
    return record == null ? Future.succeededFuture() : publish(record);
  }

  /** The record of a row change, or null for an update that changed no field. */
  private ChangeRecord rowChangeRecord(UUID eventId, String table, Operation operation, JsonObject newRow,
      JsonObject oldRow, UUID actor) {
    RowChange change = RowChange.of(table, operation, newRow, oldRow, actor, mutation.actedAt(), mutation.recordedAt());
    if (operation == Operation.UPDATE && change.changedFields().isEmpty()) return null;
    String subject = table + "/" + change.row().getString("id", change.row().getString("event_id", ""));
    return ChangeRecord.of(service.source(), RowChange.type(service.name(), table), subject, eventId, change.toJson());
  }

  /**
   * Publishes a change of one of this service's resources as its representations before and after
   * (null before for a create, null after for a delete), made by the acting user, or by nobody
   * when {@code derived} (a rule's consequence, a sweep, a generated plan). An update that changed
   * no field publishes nothing.
   */
  public Future<Void> publishResourceChange(UUID eventId, ResourceChange.Kind kind, JsonObject newValue,
      JsonObject oldValue, boolean derived) {
    Operation operation = oldValue == null ? Operation.INSERT : newValue == null ? Operation.DELETE : Operation.UPDATE;
    ResourceChange change = ResourceChange.of(kind.resource(), operation, newValue, oldValue,
        derived || principal() == null ? null : principal().userId(), mutation.actedAt(), mutation.recordedAt());
    if (operation == Operation.UPDATE && change.changedFields().isEmpty()) return Future.succeededFuture();
    String subject = kind.resource() + "/" + change.value().getString(kind.idField(), change.value().getString("event_id", ""));
    return publish(ChangeRecord.of(service.source(), kind.type(), subject, eventId, change.toJson()));
  }

  /**
   * Tells readers that this write lost some fields to newer changes (last writer wins by acted
   * time); nothing when it lost none.
   */
  public Future<Void> publishSuperseded(UUID eventId, String table, JsonObject row, java.util.List<String> fields) {
    if (fields.isEmpty()) return Future.succeededFuture();
    ChangeSuperseded lost = new ChangeSuperseded(table, row.getString("id"), row.getString("name"), fields,
        principal().userId(), mutation.actedAt(), mutation.recordedAt());
    return publish(ChangeRecord.of(service.source(), ChangeSuperseded.type(service.name()),
        table + "/" + row.getString("id"), eventId, lost.toJson()));
  }

  public Future<Void> publish(ChangeRecord record) {
    if (outbox == null) throw new IllegalStateException(service.name() + " publishes no change records");
    return outbox.append(sql, record);
  }

  /**
   * Continues the transaction as the schema owner: for the consequences a rule draws from the
   * user's change (unblocking other people's tasks, say), once that change itself passed row
   * level security.
   */
  public Future<Void> actAsService() {
    return Database.actAsService(sql);
  }

  public ServiceSchema service() {
    return service;
  }
}
