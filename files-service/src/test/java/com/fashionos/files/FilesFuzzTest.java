package com.fashionos.files;

import com.fashionos.embedded.Fuzz;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fuzz suite over files-service's JSON endpoints (create and change a contract, the event's
 * media setting): hostile bodies and paths get a 4xx JSON error naming the field, never a 5xx,
 * within the bound, and change no contract or setting (see {@link Fuzz}). Uploads have their own tests.
 */
@ExtendWith(TestEngines.class)
class FilesFuzzTest {
  static FilesStack stack;
  static User lead;
  static String eventId;
  static String contractId;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new FilesStack(engines, FilesServiceConfig.DEFAULT_QUOTA_BYTES);
    lead = stack.users.create("Sarah Chen");
    stack.signIn(lead);
    eventId = stack.createEvent(lead);
    contractId = stack.files.post("/api/v1/events/" + eventId + "/contracts").token(lead.token())
        .json(new JsonObject().put("contract_type", "vendor").put("party_name", "Lumen Rentals")).send().json()
        .getString("contract_id");
  }

  @AfterAll
  static void stop() {
    Fuzz.summary();
    stack.close();
  }

  private static String state() {
    return stack.sql("SELECT jsonb_build_object("
        + "'contracts', (SELECT jsonb_agg(to_jsonb(c.*) ORDER BY c.id) FROM contracts c WHERE c.event_id = $1::uuid),"
        + "'storage', (SELECT to_jsonb(s.*) FROM event_storage s WHERE s.event_id = $1::uuid),"
        + "'files', (SELECT count(*) FROM files))::text AS state", eventId).get(0).getString("state");
  }

  private static void fuzz(String name, String method, String template, JsonObject valid) {
    Arbitrary<Fuzz.Attack> attacks = Fuzz.endpointAttacks(template, Map.of("eventId", eventId, "contractId", contractId),
        valid, Set.of());
    Fuzz.run(name, stack.files.baseUrl(), method, lead.token(), attacks, FilesFuzzTest::state, Fuzz.TRIES);
  }

  @Test
  void creatingAContract() {
    JsonObject valid = new JsonObject().put("contract_type", "vendor").put("party_name", "Atelier Nord")
        .put("party_id", lead.id().toString()).put("status", "draft").put("amount", "1000.00").put("currency", "EUR")
        .put("signed_date", "2027-01-01T00:00:00Z").put("expiration_date", "2027-12-31T00:00:00Z");
    fuzz("POST /contracts", "POST", "/api/v1/events/{eventId}/contracts", valid);
  }

  @Test
  void changingAContract() {
    JsonObject valid = new JsonObject().put("party_name", "Lumen Rentals SA").put("amount", "2000.00").put("currency", "USD")
        .put("signed_date", "2027-02-01T00:00:00Z").put("expiration_date", "2028-01-31T00:00:00Z");
    fuzz("PUT /contracts/{contractId}", "PUT", "/api/v1/events/{eventId}/contracts/{contractId}", valid);
  }

  @Test
  void changingTheMediaSetting() {
    fuzz("PUT /files/settings", "PUT", "/api/v1/events/{eventId}/files/settings", new JsonObject().put("media_public", true));
  }
}
