package org.sarnakh.scoring.web;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.scoring.Priorities;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/me/priorities}: the caller's open leads ranked by score and recent intent,
 * with the reasons; a manager or administrator may ask for one of their reps with {@code ownerId}.
 */
@RestController
class PrioritiesApi {

  static final int DEFAULT_LIMIT = 25;
  static final int MAX_LIMIT = 100;

  private final Priorities priorities;
  private final Accessor access;

  PrioritiesApi(Priorities priorities, Accessor access) {
    this.priorities = priorities;
    this.access = access;
  }

  @GetMapping("/api/v1/me/priorities")
  Map<String, Object> mine(@RequestParam(required = false) @Nullable String limit,
      @RequestParam(required = false) @Nullable UUID ownerId) {
    var user = access.current();
    int n = limit(limit);
    var list = ownerId == null || ownerId.equals(user.id()) ? priorities.of(user, n)
        : priorities.ofOwner(access.require(Role.ADMIN, Role.SALES_MANAGER), ownerId, n);
    return Map.of("items", list.stream().map(ScoringViews::priority).toList(),
        "recentDays", Priorities.RECENT.toDays());
  }

  static int limit(@Nullable String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw InvalidInput.of("limit", "a whole number from 1 to " + MAX_LIMIT);
  }
}
