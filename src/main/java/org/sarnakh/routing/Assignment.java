package org.sarnakh.routing;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One routing of one lead, explained: why it ran, what came of it (ASSIGNED to a rep, QUEUED in
 * a team's pool, UNROUTED), by which rule and strategy, and in {@code explanation} the rules tried
 * and every candidate with why each was skipped or passed over.
 */
public record Assignment(UUID leadId, Instant at, Cause cause, Outcome outcome, @Nullable UUID ruleId,
    @Nullable String ruleName, @Nullable Strategy strategy, @Nullable UUID ownerId, @Nullable UUID teamId,
    String actorName, Map<String, Object> explanation) {

  public enum Outcome { ASSIGNED, QUEUED, UNROUTED }

  /** One line for the timeline. */
  public String summary() {
    Object text = explanation.get("summary");
    return text == null ? outcome.name() : String.valueOf(text);
  }
}
