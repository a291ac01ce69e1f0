package com.fashionos.gateway.identity;

import com.fashionos.platform.http.ApiException;
import io.vertx.core.json.JsonObject;

/**
 * An identity error in the platform's shape plus the two top-level fields supabase-js reads
 * ({@code error_code}, {@code msg}), so a Supabase client shows the real message.
 */
final class SupabaseError extends ApiException {

  private SupabaseError(ApiException e) {
    super(e.status(), e.code(), e.getMessage(), e.details());
  }

  /** Wraps an {@link ApiException}; anything else stays as it is (a 500 for the failure handler). */
  static Throwable of(Throwable failure) {
    return failure instanceof ApiException api ? new SupabaseError(api) : failure;
  }

  @Override
  public JsonObject toJson() {
    return super.toJson().put("error_code", code()).put("msg", getMessage());
  }
}
