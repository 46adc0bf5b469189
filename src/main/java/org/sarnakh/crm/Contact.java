package org.sarnakh.crm;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

public record Contact(UUID id, @Nullable String firstName, @Nullable String lastName, @Nullable String email,
    @Nullable String phone, @Nullable String title, @Nullable UUID accountId, @Nullable UUID ownerId, Instant createdAt) {}
