package com.fashionos.files.contract;

import com.fashionos.files.file.FileLinks;
import com.fashionos.platform.db.NamedStatements;
import com.fashionos.platform.db.Patch;
import com.fashionos.platform.http.RequestBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL of contracts; statements in {@code ContractRepository.sql}. */
final class ContractRepository {
  static final NamedStatements SQL = NamedStatements.forClass(ContractRepository.class);

  /** A contract row and its file's row (null without a file), as GET reads them. */
  record Found(JsonObject row, JsonObject file) {
    /**
     * The contract as the API answers it without links (its file's {@code download_url} and
     * {@code expires_at}, and its own {@code download_url}), which are made per request: what its
     * change records carry. The amount is an exact decimal string.
     */
    JsonObject resource() {
      JsonObject contract = row.copy();
      Object amount = contract.getValue("amount");
      if (amount != null) contract.put("amount", new BigDecimal(amount.toString()).setScale(2).toPlainString());
      contract.remove("created_by");
      return contract.put("file", file == null ? null : FileLinks.metadata(file));
    }
  }

  /** A contract whose key terms wait, with where its file is. */
  record Pending(JsonObject row, String bucket, String key, String contentType) {}

  Future<List<Found>> list(SqlConnection conn, UUID eventId, ContractStatus status) {
    return conn.preparedQuery(SQL.get("list_contracts"))
        .execute(Tuple.from(Arrays.asList(eventId, status == null ? null : RequestBody.wireName(status))))
        .map(rows -> {
          List<Found> found = new ArrayList<>();
          rows.forEach(r -> found.add(found(r)));
          return found;
        });
  }

  Future<Found> find(SqlConnection conn, UUID eventId, UUID contractId) {
    return conn.preparedQuery(SQL.get("find_contract")).execute(Tuple.of(contractId, eventId))
        .map(rows -> rows.rowCount() == 0 ? null : found(rows.iterator().next()));
  }

  Future<JsonObject> lock(SqlConnection conn, UUID eventId, UUID contractId) {
    return conn.preparedQuery(SQL.get("lock_contract")).execute(Tuple.of(contractId, eventId))
        .map(rows -> rows.rowCount() == 0 ? null : (JsonObject) rows.iterator().next().getValue("row"));
  }

  /** The content type of the event's document with this id, or null if it is none the caller sees. */
  Future<String> documentType(SqlConnection conn, UUID eventId, UUID fileId) {
    return conn.preparedQuery(SQL.get("document_of_event")).execute(Tuple.of(fileId, eventId))
        .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString("content_type"));
  }

  Future<UUID> insert(SqlConnection conn, UUID eventId, Map<String, Object> c, String termsStatus) {
    return conn.preparedQuery(SQL.get("insert_contract")).execute(Tuple.from(Arrays.asList(eventId,
            Patch.toSql(c.get("contract_type")), c.get("party_name"), c.get("party_id"), Patch.toSql(c.get("status")), c.get("amount"),
            c.get("currency"), c.get("file_id"), c.get("signed_date"), c.get("expiration_date"), termsStatus)))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  /** Sets the accepted fields; {@code termsStatus} (or null to keep it) restarts the key terms. */
  Future<Void> update(SqlConnection conn, UUID contractId, Map<String, Object> accepted, String termsStatus) {
    List<Object> args = Patch.args(contractId, ContractRequests.UPDATABLE, accepted);
    args.add(termsStatus);
    return conn.preparedQuery(SQL.get("update_contract")).execute(Tuple.from(args)).mapEmpty();
  }

  Future<JsonObject> delete(SqlConnection conn, UUID contractId) {
    return conn.preparedQuery(SQL.get("delete_contract")).execute(Tuple.of(contractId))
        .map(rows -> rows.rowCount() == 0 ? null : (JsonObject) rows.iterator().next().getValue("row"));
  }

  Future<Pending> claimPending(SqlConnection conn) {
    return conn.preparedQuery(SQL.get("claim_pending")).execute().map(rows -> {
      if (rows.rowCount() == 0) return null;
      Row r = rows.iterator().next();
      return new Pending((JsonObject) r.getValue("row"), r.getString("bucket"), r.getString("object_key"),
          r.getString("content_type"));
    });
  }

  Future<JsonObject> saveTerms(SqlConnection conn, UUID contractId, JsonObject terms, String status) {
    return conn.preparedQuery(SQL.get("save_terms")).execute(Tuple.of(contractId, terms, status))
        .map(rows -> (JsonObject) rows.iterator().next().getValue("row"));
  }

  private static Found found(Row r) {
    return new Found((JsonObject) r.getValue("row"), (JsonObject) r.getValue("file"));
  }
}
