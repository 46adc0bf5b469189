package org.sarnakh.nurture;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An email sequence: steps sent one after another, each after its delay; leads enter from a
 * segment (every member, and each new one) or by hand, and leave at the end or on an exit condition.
 */
public record Sequence(UUID id, String name, State state, @Nullable UUID entrySegmentId, Set<Exit> exitOn,
    List<Step> steps, Instant createdAt, Instant updatedAt, long version) {

  public enum State { ACTIVE, PAUSED }

  /** Why an enrollment ends early. {@code NO_CONSENT}, {@code UNSUBSCRIBED}, {@code NO_EMAIL} and {@code LEAD_GONE} always apply. */
  public enum Exit { REPLIED, MQL, CONVERTED, DEAD, NO_CONSENT, UNSUBSCRIBED, NO_EMAIL, LEAD_GONE, MANUAL }

  /** The exits a sequence may choose; the others always apply. */
  public static final Set<Exit> OPTIONAL_EXITS = Set.of(Exit.REPLIED, Exit.MQL, Exit.CONVERTED, Exit.DEAD);

  /** Waits {@code delay} after the previous step (after enrolment for the first), then sends {@code templateId}. */
  public record Step(int number, Duration delay, UUID templateId) {}
}
