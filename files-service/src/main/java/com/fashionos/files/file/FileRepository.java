package com.fashionos.files.file;

import com.fashionos.files.storage.Bucket;
import com.fashionos.platform.db.NamedStatements;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** SQL of the files table and per-event storage; statements in {@code FileRepository.sql}. */
public final class FileRepository {
  static final NamedStatements SQL = NamedStatements.forClass(FileRepository.class);

  /** What the caller may do with an event's files. */
  public record Rights(boolean member, boolean lead, boolean readsDocuments, boolean mediaPublic) {
    /** The bucket's upload rule (spec section 7): documents by the lead, the rest by the team. */
    public boolean mayUpload(Bucket bucket) {
      return bucket == Bucket.EVENT_DOCUMENTS ? lead : member;
    }
  }

  /** A stored file's metadata as a new row needs it. */
  public record NewFile(UUID id, UUID eventId, Bucket bucket, String key, String name, String contentType, long size,
      String sha256, boolean isPublic) {}

  public Future<Rights> rights(SqlConnection conn, UUID eventId) {
    return conn.preparedQuery(SQL.get("rights")).execute(Tuple.of(eventId)).map(rows -> {
      Row r = rows.iterator().next();
      return new Rights(r.getBoolean("member"), r.getBoolean("lead"), r.getBoolean("reads_documents"),
          r.getBoolean("media_public"));
    });
  }

  public Future<JsonObject> insert(SqlConnection conn, NewFile file) {
    return conn.preparedQuery(SQL.get("insert_file")).execute(Tuple.from(Arrays.asList(file.id(), file.eventId(),
            file.bucket().bucketName(), file.key(), file.name(), file.contentType(), file.size(), file.sha256(),
            file.isPublic())))
        .map(FileRepository::first);
  }

  Future<List<JsonObject>> list(SqlConnection conn, UUID eventId, Bucket bucket) {
    return conn.preparedQuery(SQL.get("list_files"))
        .execute(Tuple.from(Arrays.asList(eventId, bucket == null ? null : bucket.bucketName())))
        .map(rows -> {
          List<JsonObject> files = new ArrayList<>();
          rows.forEach(r -> files.add((JsonObject) r.getValue("row")));
          return files;
        });
  }

  /** The file if the caller may see it, else null. */
  public Future<JsonObject> find(SqlConnection conn, UUID eventId, UUID fileId) {
    return conn.preparedQuery(SQL.get("find_file")).execute(Tuple.of(fileId, eventId)).map(FileRepository::first);
  }

  /** A public file, for anyone (read without a caller). */
  Future<JsonObject> findPublic(SqlClient owner, UUID fileId) {
    return owner.preparedQuery(SQL.get("find_public")).execute(Tuple.of(fileId)).map(FileRepository::first);
  }

  /** Any file, for a signed link (read without a caller). */
  Future<JsonObject> findAny(SqlClient owner, UUID fileId) {
    return owner.preparedQuery(SQL.get("find_any")).execute(Tuple.of(fileId)).map(FileRepository::first);
  }

  /** Deletes the file if row level security lets the caller; the deleted row, or null. */
  Future<JsonObject> delete(SqlConnection conn, UUID fileId) {
    return conn.preparedQuery(SQL.get("delete_file")).execute(Tuple.of(fileId)).map(FileRepository::first);
  }

  public Future<Long> usage(SqlConnection conn, UUID eventId) {
    return conn.preparedQuery(SQL.get("usage")).execute(Tuple.of(eventId))
        .map(rows -> rows.iterator().next().getLong("used"));
  }

  /** Notes that usage reached {@code percent}: true the first time it gets there. */
  public Future<Boolean> noteWarning(SqlConnection conn, UUID eventId, int percent) {
    return conn.preparedQuery(SQL.get("note_warning")).execute(Tuple.of(eventId, percent)).map(rows -> rows.rowCount() > 0);
  }

  public Future<Void> resetWarning(SqlConnection conn, UUID eventId) {
    return conn.preparedQuery(SQL.get("reset_warning")).execute(Tuple.of(eventId)).mapEmpty();
  }

  Future<JsonObject> setMediaPublic(SqlConnection conn, UUID eventId, boolean isPublic) {
    return conn.preparedQuery(SQL.get("set_media_public")).execute(Tuple.of(eventId, isPublic)).map(FileRepository::first);
  }

  private static JsonObject first(RowSet<Row> rows) {
    return rows.rowCount() == 0 ? null : (JsonObject) rows.iterator().next().getValue("row");
  }
}
