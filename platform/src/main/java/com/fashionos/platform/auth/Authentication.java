package com.fashionos.platform.auth;

import com.fashionos.platform.http.ApiException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Requires a valid bearer token and stores the {@link Principal} on the request. */
public final class Authentication implements Handler<RoutingContext> {
  private static final String KEY = "fashionos.principal";
  private final TokenVerifier verifier;

  public Authentication(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.fail(ApiException.unauthorized("Send an access token: Authorization: Bearer <token>"));
      return;
    }
    verifier.verify(header.substring(7).trim())
        .onSuccess(principal -> {
          ctx.put(KEY, principal);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }

  public static Principal principal(RoutingContext ctx) {
    Principal principal = ctx.get(KEY);
    if (principal == null) throw ApiException.unauthorized("Not signed in");
    return principal;
  }
}
