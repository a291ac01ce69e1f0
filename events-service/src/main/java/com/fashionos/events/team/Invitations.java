package com.fashionos.events.team;

import com.fashionos.platform.auth.SecretTokens;
import com.fashionos.platform.db.NamedStatements;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.RequestBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * Team invitations (table {@code team_invitations}; statements in {@code Invitations.sql}): a
 * lead adding someone by e-mail gets a single-use token to pass on, and the membership exists
 * once a signed-in person presents it. Only the token's SHA-256 is stored.
 */
public final class Invitations {
  private static final NamedStatements SQL = NamedStatements.forClass(Invitations.class);
  private final InvitationConfig config;

  public Invitations(InvitationConfig config) {
    this.config = config;
  }

  /**
   * Invites {@code request.email()} to the event: the invitation with its token and link, for
   * the lead only (they are never stored or shown again). Null when someone with that address
   * is on the team already; 409 naming {@code email} while the address has an open invitation.
   */
  public Future<JsonObject> invite(Transaction tx, UUID eventId, TeamMemberRequest request) {
    SqlConnection conn = tx.sql();
    String email = request.email();
    return conn.preparedQuery(SQL.get("member_with_email")).execute(Tuple.of(eventId, email)).compose(members -> {
      if (members.size() > 0) return Future.succeededFuture(null);
      String token = SecretTokens.newToken();
      return conn.preparedQuery(SQL.get("retire_expired")).execute(Tuple.of(eventId, email))
          .compose(retired -> conn.preparedQuery(SQL.get("invite")).execute(Tuple.of(eventId, email,
              RequestBody.wireName(request.role()), RequestBody.wireName(request.permissions()), token,
              tx.principal().userId(), (double) config.lifetime().toSeconds())))
          .map(rows -> {
            if (rows.size() == 0) {
              throw new ApiException(409, "already_exists", "This address has an open invitation to the event",
                  List.of(new ApiException.FieldIssue("email", "has an open invitation; revoke it to invite again")));
            }
            return ((JsonObject) rows.iterator().next().getValue("invitation"))
                .put("token", token).put("accept_url", config.linkFor(token));
          });
    });
  }

  /** The event's open invitations (pending or expired), oldest first, without their tokens. */
  Future<JsonArray> list(SqlConnection conn, UUID eventId) {
    return conn.preparedQuery(SQL.get("list")).execute(Tuple.of(eventId))
        .map(rows -> (JsonArray) rows.iterator().next().getValue("invitations"));
  }

  /** False when the event has no such open invitation. */
  Future<Boolean> revoke(SqlConnection conn, UUID eventId, UUID invitationId) {
    return conn.preparedQuery(SQL.get("revoke")).execute(Tuple.of(eventId, invitationId)).map(rows -> rows.size() > 0);
  }

  /**
   * The caller joins the team the token invites to: {@code {outcome, event_id, row}} with
   * outcome {@code accepted} (row: the new event_team row), {@code not_found},
   * {@code accepted_already}, {@code revoked}, {@code expired} or {@code member_already}.
   */
  Future<JsonObject> accept(SqlConnection conn, String token) {
    if (!SecretTokens.SHAPE.matcher(token).matches()) return Future.succeededFuture(new JsonObject().put("outcome", "not_found"));
    return conn.preparedQuery(SQL.get("accept")).execute(Tuple.of(token))
        .map(rows -> (JsonObject) rows.iterator().next().getValue("result"));
  }
}
