package org.sarnakh.routing;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.Lead;

/**
 * One routing rule: when a lead meets every condition (no condition: every lead), one rep of the
 * pool gets it by the strategy. The pool is a team (its members at routing time) or listed users
 * with weights (used by {@link Strategy#WEIGHTED}). {@code slaMinutes} is the first-touch time the
 * rep has, in their working hours (null: none).
 */
public record RoutingRule(UUID id, int position, String name, boolean active, List<RuleCondition> conditions,
    Strategy strategy, @Nullable UUID poolTeam, List<Member> poolUsers, @Nullable Integer slaMinutes, long version) {

  /** A listed member of a pool and their weight (1 unless weighted). */
  public record Member(UUID userId, int weight) {}

  public RoutingRule {
    conditions = List.copyOf(conditions);
    poolUsers = List.copyOf(poolUsers);
  }

  public boolean matches(Lead lead) {
    return conditions.stream().allMatch(c -> c.matches(lead));
  }

  public int weightOf(UUID user) {
    return poolUsers.stream().filter(m -> m.userId().equals(user)).mapToInt(Member::weight).findFirst().orElse(1);
  }
}
