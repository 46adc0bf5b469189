package org.sarnakh.crm;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.Money;

/** A deal; it always belongs to an account (S2.5). */
public record Opportunity(UUID id, String name, UUID accountId, @Nullable Money amount, String stage,
    @Nullable LocalDate closeDate, @Nullable UUID ownerId, Instant createdAt) {

  public static final Set<String> STAGES = Set.of("PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION",
      "CLOSED_WON", "CLOSED_LOST");
}
