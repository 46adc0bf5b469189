package org.sarnakh.platform.jobs;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

public record JobView(UUID id, String kind, String status, long total, long processed, long failed,
    @Nullable String result, @Nullable String error, @Nullable UUID createdBy, Instant createdAt,
    @Nullable Instant startedAt, @Nullable Instant finishedAt) {}
