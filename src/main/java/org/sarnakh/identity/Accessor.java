package org.sarnakh.identity;

import java.util.Optional;
import org.sarnakh.platform.NotFound;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** Resolves the {@link CurrentUser} of the running request and checks roles against the matrix. */
@Component
public class Accessor {

  private static final String CACHED = Accessor.class.getName() + ".user";

  private final UserDirectory users;

  Accessor(UserDirectory users) {
    this.users = users;
  }

  public CurrentUser current() {
    return signedIn().orElseThrow(() -> new AccessDeniedException("not signed in, or the account is inactive"));
  }

  /**
   * The signed-in, active user, if any. Read from the database once per request (pages ask for it
   * from the locale resolver, the page model and the controller) and kept in the request.
   */
  public Optional<CurrentUser> signedIn() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !(auth.getPrincipal() instanceof SarnakhPrincipal principal)) {
      return Optional.empty();
    }
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null && request.getAttribute(CACHED, RequestAttributes.SCOPE_REQUEST) instanceof CurrentUser cached
        && cached.id().equals(principal.userId())) {
      return Optional.of(cached);
    }
    Optional<CurrentUser> user = users.current(principal.userId());
    if (request != null && user.isPresent()) {
      request.setAttribute(CACHED, user.get(), RequestAttributes.SCOPE_REQUEST);
    }
    return user;
  }

  /** Keeps a user already read for this request (by the credential check), so it is not read again. */
  public void remember(CurrentUser user) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.setAttribute(CACHED, user, RequestAttributes.SCOPE_REQUEST);
    }
  }

  /** Forgets the cached user of this request, after a change to the user's own record. */
  public void refresh() {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.removeAttribute(CACHED, RequestAttributes.SCOPE_REQUEST);
    }
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
