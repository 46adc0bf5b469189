package org.sarnakh.identity;

import org.sarnakh.platform.NotFound;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Resolves the {@link CurrentUser} of the running request and checks roles against the matrix. */
@Component
public class Accessor {

  private final UserDirectory users;

  Accessor(UserDirectory users) {
    this.users = users;
  }

  public CurrentUser current() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !(auth.getPrincipal() instanceof SarnakhPrincipal principal)) {
      throw new AccessDeniedException("not signed in");
    }
    return users.current(principal.userId())
        .orElseThrow(() -> new AccessDeniedException("the account is inactive or gone"));
  }

  /** The caller must have one of these roles; otherwise 403. */
  public CurrentUser require(Role... roles) {
    CurrentUser user = current();
    for (Role role : roles) {
      if (user.role() == role) {
        return user;
      }
    }
    throw new AccessDeniedException("role " + user.role() + " may not do this");
  }

  /** Same as {@link #require} but answers 404, for records whose existence must not leak. */
  public CurrentUser requireOrHide(String what, Role... roles) {
    try {
      return require(roles);
    } catch (AccessDeniedException e) {
      throw new NotFound(what);
    }
  }
}
