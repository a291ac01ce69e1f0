package com.fashionos.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.ApiException.FieldIssue;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {
  /** The full constructor: message, severity, SQLSTATE, detail, ..., column, data type, constraint. */
  private static PgException pg(String state, String message, String detail, String column, String constraint) {
    return new PgException(message, "ERROR", state, detail, null, null, null, null, null, null, null, null,
        "events", "event_team", column, null, constraint);
  }

  private static ApiException map(PgException e) {
    return SqlErrors.toApiException(e);
  }

  @Test
  void uniqueViolationIs409NamingTheFieldNotTheConstraint() {
    ApiException e = map(pg("23505", "duplicate key", "Key (event_id, user_id)=(..) already exists.", null,
        "event_team_event_id_user_id_key"));
    assertThat(e.status()).isEqualTo(409);
    assertThat(e.code()).isEqualTo("already_exists");
    assertThat(e.getMessage()).isEqualTo("A record with this user_id already exists");
    assertThat(e.details()).containsExactly(new FieldIssue("user_id", "must be unique"));
  }

  @Test
  void uniqueFieldComesFromAnExpressionKeyOrTheConstraintNameWhenTheDetailIsHidden() {
    PgException company = new PgException("duplicate key", "ERROR", "23505",
        "Key (lower(company_name::text))=(acme) already exists.", null, null, null, null, null, null, null, null,
        "events", "sponsors", null, null, "sponsors_company_name_key");
    assertThat(map(company).details()).containsExactly(new FieldIssue("company_name", "must be unique"));
    // Row level security hides the detail: the name, <table>_<scope>_<field>_key, still tells.
    PgException category = new PgException("duplicate key", "ERROR", "23505", null, null, null, null, null, null,
        null, null, null, "budget", "event_budget_categories", null, null, "event_budget_categories_event_id_category_key");
    assertThat(map(category).details()).containsExactly(new FieldIssue("category", "must be unique"));
    assertThat(map(pg("23505", "duplicate key", null, null, "event_team_event_id_user_id_key")).details())
        .containsExactly(new FieldIssue("user_id", "must be unique"));
  }

  @Test
  void columnIsPreferredOverConstraintAsTheField() {
    ApiException e = map(pg("23505", "duplicate key", null, "email", "profiles_email_key"));
    assertThat(e.details()).extracting(FieldIssue::field).containsExactly("email");
  }

  @Test
  void foreignKeyViolationOnInsertIs422() {
    ApiException e = map(pg("23503", "insert or update violates foreign key",
        "Key (venue_id)=(…) is not present in table \"venues\".", null, "events_venue_id_fkey"));
    assertThat(e.status()).isEqualTo(422);
    assertThat(e.code()).isEqualTo("reference_invalid");
    assertThat(e.details()).extracting(FieldIssue::field).containsExactly("events_venue_id_fkey");
  }

  @Test
  void foreignKeyViolationOfAStillReferencedRowIs409() {
    ApiException e = map(pg("23503", "update or delete violates foreign key",
        "Key (id)=(…) is still referenced from table \"event_tasks\".", null, "event_tasks_event_id_fkey"));
    assertThat(e.status()).isEqualTo(409);
    assertThat(e.code()).isEqualTo("reference_invalid");
  }

  @Test
  void foreignKeyViolationWithoutDetailIs422() {
    assertThat(map(pg("23503", "fk", null, null, null)).status()).isEqualTo(422);
  }

  @Test
  void checkViolationIs422NamingTheRule() {
    ApiException e = map(pg("23514", "check", null, null, "events_dates_check"));
    assertThat(e.status()).isEqualTo(422);
    assertThat(e.code()).isEqualTo("constraint_violated");
    assertThat(e.getMessage()).contains("events_dates_check");
    assertThat(e.details()).containsExactly(new FieldIssue("events_dates_check", "breaks rule events_dates_check"));
  }

  @Test
  void notNullViolationIs422NamingTheColumnWithoutANullRule() {
    // PostgreSQL reports a NOT NULL violation with the column and no constraint name.
    ApiException e = map(pg("23502", "null value in column \"name\"", null, "name", null));
    assertThat(e.status()).isEqualTo(422);
    assertThat(e.details()).hasSize(1);
    assertThat(e.details().get(0).field()).isEqualTo("name");
    assertThat(e.details().get(0).issue()).doesNotContain("null").isEqualTo("is required");
  }

  @Test
  void valueTooLongIs400() {
    ApiException e = map(pg("22001", "value too long for type character varying(10)", null, null, null));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("validation_failed");
  }

  @Test
  void badFormatIs400WithThePostgresMessage() {
    ApiException e = map(pg("22P02", "invalid input syntax for type uuid: \"x\"", null, null, null));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("invalid input syntax for type uuid");
  }

  @Test
  void rowLevelSecurityRefusalIs403() {
    ApiException e = map(pg("42501", "new row violates row-level security policy", null, null, null));
    assertThat(e.status()).isEqualTo(403);
    assertThat(e.code()).isEqualTo("forbidden");
  }

  @Test
  void serializationFailureAndDeadlockAre409() {
    assertThat(map(pg("40001", "could not serialize", null, null, null)))
        .extracting(ApiException::status, ApiException::code).containsExactly(409, "write_conflict");
    assertThat(map(pg("40P01", "deadlock detected", null, null, null)).status()).isEqualTo(409);
  }

  @Test
  void ownTriggerRules() {
    ApiException conflict = map(pg("FO409", "The event is archived", null, null, null));
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.code()).isEqualTo("rule_violated");
    assertThat(conflict.getMessage()).isEqualTo("The event is archived");
    ApiException unprocessable = map(pg("FO422", "Ends before it starts", null, null, null));
    assertThat(unprocessable.status()).isEqualTo(422);
    assertThat(unprocessable.getMessage()).isEqualTo("Ends before it starts");
  }

  @Test
  void everythingElseIs500WithoutLeakingTheMessage() {
    ApiException e = map(pg("42P01", "relation \"secret_table\" does not exist", null, null, null));
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.code()).isEqualTo("internal_error");
    assertThat(e.getMessage()).doesNotContain("secret_table");
    assertThat(e.details()).isEmpty();
  }

  @Test
  void shortConstructorAndMissingSqlState() {
    assertThat(map(new PgException("boom", "ERROR", "23505", "detail")).status()).isEqualTo(409);
    assertThat(map(new PgException("boom", "FATAL", null, null)).status()).isEqualTo(500);
  }
}
