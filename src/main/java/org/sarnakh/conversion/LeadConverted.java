package org.sarnakh.conversion;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.LeadId;

/** A lead became a contact (and perhaps an account and a deal); published after the conversion commits. */
public record LeadConverted(LeadId lead, UUID contactId, @Nullable UUID accountId, @Nullable UUID opportunityId,
    Instant at) {}
