package org.sarnakh.conversion;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.LeadId;

/** What a converted lead became, who converted it and when, and the notes carried from unmapped fields. */
public record Conversion(LeadId lead, UUID contactId, @Nullable UUID accountId, @Nullable UUID opportunityId,
    @Nullable UUID convertedBy, Instant convertedAt, @Nullable String notes) {}
