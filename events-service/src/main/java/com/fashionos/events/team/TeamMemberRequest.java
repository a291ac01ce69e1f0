package com.fashionos.events.team;

import com.fashionos.platform.http.RequestBody;
import java.util.UUID;

/**
 * A teammate to add: by user id (a member at once), or by e-mail (an invitation, accepted with
 * its token: an address proves nothing about who holds it).
 */
public record TeamMemberRequest(UUID userId, String email, TeamRole role, TeamPermission permissions) {

  public static TeamMemberRequest read(RequestBody body) {
    UUID userId = body.uuid("user_id", false);
    String email = body.email("email", false);
    // Absent or JSON null alike: a present but malformed value was already reported above.
    if (body.json().getValue("user_id") == null && body.json().getValue("email") == null) {
      body.fail("user_id", "is required (or give email)");
    }
    if (userId != null && email != null) body.fail("email", "give user_id or email, not both");
    TeamRole role = body.enumValue("role", TeamRole.class, true);
    TeamPermission permissions = body.enumValue("permissions", TeamPermission.class, false);
    return new TeamMemberRequest(userId, email, role,
        permissions != null ? permissions : role == TeamRole.EVENT_LEAD ? TeamPermission.ADMIN : TeamPermission.VIEW_ONLY);
  }
}
