package org.sarnakh.lead;

import java.util.Set;
import java.util.UUID;

/**
 * New scores were stored for these leads (published in the scoring transaction). Scores change
 * without a lead change, so modules that filter on score (segments) listen to this as well as to
 * {@link LeadChanged}.
 */
public record LeadsScored(Set<UUID> leads) {}
