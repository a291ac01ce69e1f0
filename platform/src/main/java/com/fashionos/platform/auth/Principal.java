package com.fashionos.platform.auth;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The signed-in person behind a request, read from Supabase-compatible token claims. */
public record Principal(UUID userId, String email, String fullName, String avatarUrl) {

  static Principal fromClaims(JsonObject claims) {
    UUID id;
    try {
      id = UUID.fromString(claims.getString("sub", ""));
    } catch (IllegalArgumentException e) {
      return null;
    }
    JsonObject metadata = claims.getJsonObject("user_metadata", new JsonObject());
    String name = metadata.getString("full_name", metadata.getString("name"));
    return new Principal(id, claims.getString("email"), name, metadata.getString("avatar_url"));
  }
}
