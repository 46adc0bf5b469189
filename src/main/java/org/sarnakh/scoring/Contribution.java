package org.sarnakh.scoring;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One line of a lead's score ledger: which rule (and version) gave how many points, for which
 * event (engagement) or for what the lead is (fit, no event), and when.
 */
public record Contribution(UUID ruleId, int ruleVersion, String ruleName, Axis axis, int points,
    @Nullable String eventId, Instant at) {}
