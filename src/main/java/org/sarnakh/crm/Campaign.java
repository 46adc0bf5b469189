package org.sarnakh.crm;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.Money;

public record Campaign(UUID id, String name, String type, String status, @Nullable LocalDate startDate,
    @Nullable LocalDate endDate, @Nullable Money budget, Instant createdAt) {}
