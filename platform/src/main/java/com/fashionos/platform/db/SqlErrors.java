package com.fashionos.platform.db;

import com.fashionos.platform.http.ApiException;
import io.vertx.pgclient.PgException;
import java.util.List;

/** Maps PostgreSQL errors that a client caused to 4xx answers; everything else stays a 5xx. */
public final class SqlErrors {
  private SqlErrors() {}

  public static ApiException toApiException(PgException e) {
    String state = e.getSqlState() == null ? "" : e.getSqlState();
    String constraint = e.getConstraint();
    String field = e.getColumn() != null ? e.getColumn() : constraint;
    return switch (state) {
      case "23505" -> {
        String unique = e.getColumn() != null ? e.getColumn() : uniqueField(e);
        yield new ApiException(409, "already_exists", unique == null ? "A record with these values already exists"
            : "A record with this " + unique + " already exists", issue(unique, "must be unique"));
      }
      case "23503" -> new ApiException(e.getDetail() != null && e.getDetail().contains("is still referenced")
              ? 409 : 422, "reference_invalid",
          "The record refers to, or is referred to by, another record" + named(constraint),
          issue(field, "refers to a record that does not exist or is still in use"));
      // NOT NULL: PostgreSQL names the column but no constraint.
      case "23502" -> new ApiException(422, "constraint_violated", "A required value is missing",
          issue(field, "is required"));
      case "23514" -> new ApiException(422, "constraint_violated",
          "The values break a rule" + named(constraint), issue(field, "breaks rule " + constraint));
      case "22001" -> new ApiException(400, "validation_failed", "A value is too long");
      case "22P02", "22007", "22008", "22003" -> new ApiException(400, "validation_failed",
          "A value has the wrong format or range: " + e.getErrorMessage());
      // Row level security refused the write: the caller may see the row but not change it.
      case "42501" -> ApiException.forbidden("You do not have permission to change this");
      case "40001", "40P01" -> new ApiException(409, "write_conflict", "Concurrent change; retry the request");
      // Rules our own triggers raise: FO409 is a conflict with the current state, FO422 a bad request.
      case "FO409" -> new ApiException(409, "rule_violated", e.getErrorMessage());
      case "FO422", "P0001" -> new ApiException(422, "rule_violated", e.getErrorMessage());
      default -> new ApiException(500, "internal_error", "Database error");
    };
  }

  /**
   * The request field a unique key protects: the key's last column, from the error's detail
   * ({@code Key (event_id, user_id)=(…)}) or, where PostgreSQL leaves the detail out (row level
   * security hides the values), from the constraint's name. Unique keys keep PostgreSQL's default
   * name, {@code <table>_<columns>_key}, with the scoping {@code event_id} first.
   */
  static String uniqueField(PgException e) {
    String detail = e.getDetail();
    if (detail != null && detail.startsWith("Key (") && detail.contains(")=(")) {
      String columns = detail.substring("Key (".length(), detail.indexOf(")=("));
      String last = columns.substring(columns.lastIndexOf(',') + 1).replaceAll("::[a-z ]+", "");
      // lower(company_name) names company_name.
      return last.substring(last.lastIndexOf('(') + 1).replace(")", "").trim();
    }
    String name = e.getConstraint();
    if (name == null) return null;
    if (e.getTable() != null && name.startsWith(e.getTable() + "_")) name = name.substring(e.getTable().length() + 1);
    name = name.replaceFirst("_(key|idx)$", "").replaceFirst("^event_id_", "");
    return name.isEmpty() ? e.getConstraint() : name;
  }

  private static String named(String constraint) {
    return constraint == null ? "" : " (" + constraint + ")";
  }

  private static List<ApiException.FieldIssue> issue(String field, String issue) {
    return field == null ? List.of() : List.of(new ApiException.FieldIssue(field, issue));
  }
}
