package org.sarnakh.identity;

import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/** Who is asking, as read from the database for this request (so deactivation and team moves apply at once). */
public record CurrentUser(
    UUID id, String email, String displayName, Role role, Set<UUID> teamIds, String locale, String calendar,
    ZoneId timeZone) {

  public CurrentUser {
    teamIds = Set.copyOf(teamIds);
  }

  public boolean is(Role r) {
    return role == r;
  }

  /** Actor name recorded in change logs. */
  public String actorName() {
    return displayName;
  }
}
