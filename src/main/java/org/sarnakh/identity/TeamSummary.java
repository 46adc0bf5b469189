package org.sarnakh.identity;

import java.util.UUID;

public record TeamSummary(UUID id, String name, int members) {}
