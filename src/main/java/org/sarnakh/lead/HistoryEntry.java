package org.sarnakh.lead;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One changed field of one lead. */
public record HistoryEntry(long id, Instant at, @Nullable UUID actorId, String actorName, String via, String field,
    @Nullable String oldValue, @Nullable String newValue) {}
