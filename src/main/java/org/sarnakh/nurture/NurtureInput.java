package org.sarnakh.nurture;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.text.TextKeys;
import org.springframework.security.access.AccessDeniedException;

/** What segments, templates and sequences check alike: who may define them, and their names. */
final class NurtureInput {

  private NurtureInput() {}

  /** Marketing and administrators define segments, templates and sequences; {@code refusal} says what to whom. */
  static void requireMarketer(CurrentUser user, String refusal) {
    if (!(user.is(Role.ADMIN) || user.is(Role.MARKETING))) {
      throw new AccessDeniedException(refusal);
    }
  }

  /** A required name of at most 100 characters, stripped; a problem under {@code name} otherwise. */
  static String name(@Nullable Object raw, List<FieldProblem> problems) {
    if (!(raw instanceof String s) || s.isBlank()) {
      problems.add(new FieldProblem("name", "required"));
      return "";
    }
    String n = s.strip();
    if (n.codePointCount(0, n.length()) > 100 || TextKeys.hasForbiddenControls(n)) {
      problems.add(new FieldProblem("name", "at most 100 characters, no control characters"));
    }
    return n;
  }
}
