package com.fashionos.events.team;

import com.fashionos.platform.config.Env;
import java.time.Duration;

/**
 * How team invitations are handed out.
 *
 * @param lifetime how long an invitation's token may be accepted
 * @param acceptUrl the app's page that accepts a token, {@code {token}} standing for it (put it
 *     in the fragment, {@code https://app.example.com/join#{token}}, and it reaches no server's
 *     log); null gives the lead the bare token (standalone: there is no app page to link to)
 */
public record InvitationConfig(Duration lifetime, String acceptUrl) {
  public static final String TOKEN = "{token}";
  public static final InvitationConfig DEFAULT = new InvitationConfig(Duration.ofDays(7), null);

  public InvitationConfig {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("INVITATION_LIFETIME_HOURS must be > 0");
    }
    if (acceptUrl != null && !acceptUrl.contains(TOKEN)) {
      throw new IllegalArgumentException("INVITATION_ACCEPT_URL must contain " + TOKEN);
    }
  }

  /** Reads INVITATION_LIFETIME_HOURS (default 168, a week) and INVITATION_ACCEPT_URL (default none). */
  public static InvitationConfig fromEnv(Env env) {
    return new InvitationConfig(
        Duration.ofHours(env.getInt("INVITATION_LIFETIME_HOURS", (int) DEFAULT.lifetime().toHours())),
        env.optional("INVITATION_ACCEPT_URL").orElse(null));
  }

  /** The link for a token, or null without an app page. */
  String linkFor(String token) {
    return acceptUrl == null ? null : acceptUrl.replace(TOKEN, token);
  }
}
