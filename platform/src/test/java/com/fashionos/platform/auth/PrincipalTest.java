package com.fashionos.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PrincipalTest {
  private static final String SUB = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

  @Test
  void readsSupabaseClaims() {
    Principal p = Principal.fromClaims(new JsonObject()
        .put("sub", SUB).put("email", "sarah@example.com").put("role", "authenticated")
        .put("user_metadata", new JsonObject().put("full_name", "Sarah Chen").put("avatar_url", "https://a/b.png")));
    assertThat(p).isEqualTo(new Principal(UUID.fromString(SUB), "sarah@example.com", "Sarah Chen", "https://a/b.png"));
  }

  @Test
  void nonUuidOrMissingSubIsNull() {
    assertThat(Principal.fromClaims(new JsonObject().put("sub", "service-account"))).isNull();
    assertThat(Principal.fromClaims(new JsonObject().put("sub", ""))).isNull();
    assertThat(Principal.fromClaims(new JsonObject().put("email", "a@b.c"))).isNull();
  }

  @Test
  void nameFallsBackToTheNameClaimOfTheMetadata() {
    Principal p = Principal.fromClaims(new JsonObject().put("sub", SUB)
        .put("user_metadata", new JsonObject().put("name", "Sam")));
    assertThat(p.fullName()).isEqualTo("Sam");
  }

  @Test
  void withoutMetadataOnlyIdAndEmail() {
    Principal p = Principal.fromClaims(new JsonObject().put("sub", SUB).put("email", "x@y.z"));
    assertThat(p).isEqualTo(new Principal(UUID.fromString(SUB), "x@y.z", null, null));
  }
}
