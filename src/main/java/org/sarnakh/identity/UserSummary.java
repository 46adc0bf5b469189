package org.sarnakh.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

public record UserSummary(
    UUID id, String email, String displayName, Role role, boolean active, Set<UUID> teamIds, String locale,
    String calendar, String timeZone, Instant createdAt) {}
