package org.sarnakh.lead;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;

/** Who made a change and through which path, as the change log records it. */
public record Actor(@Nullable UUID id, String name, Channel channel) {

  public enum Channel { API, UI, MASS_UPDATE, IMPORT, FORM, SYSTEM, ROUTING }

  public static Actor of(CurrentUser user, Channel channel) {
    return new Actor(user.id(), user.actorName(), channel);
  }
}
