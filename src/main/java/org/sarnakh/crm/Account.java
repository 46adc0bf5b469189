package org.sarnakh.crm;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

public record Account(UUID id, String name, @Nullable String website, @Nullable String industry,
    @Nullable String phone, @Nullable String city, @Nullable String country, @Nullable UUID ownerId, Instant createdAt) {}
