package org.sarnakh.cli;

import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserDirectory;
import org.springframework.context.ApplicationContext;

/** CLI verbs act as the first active administrator, so their changes are attributed in the change log. */
final class SystemUser {

  private SystemUser() {}

  static CurrentUser admin(ApplicationContext ctx) {
    UserDirectory users = ctx.getBean(UserDirectory.class);
    return users.list().stream().filter(u -> u.role() == Role.ADMIN && u.active()).findFirst()
        .flatMap(u -> users.current(u.id()))
        .orElseThrow(() -> new IllegalStateException("no active administrator; start the server once first"));
  }
}
