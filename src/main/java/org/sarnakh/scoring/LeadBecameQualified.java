package org.sarnakh.scoring;

import java.time.Instant;
import org.sarnakh.lead.LeadId;

/**
 * A lead's score crossed the MQL threshold (published in the scoring transaction). {@code crossing}
 * counts this lead's crossings (1 for the first), so {@code lead + crossing} names this one: a
 * listener that acts once per crossing keys on it. A lead crosses again only after its score fell
 * below the re-arm score.
 */
public record LeadBecameQualified(LeadId lead, int score, int threshold, int crossing, Instant at) {}
