package org.sarnakh.crm;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The lead a record was converted from, and the notes carried from its unmapped fields. */
public record Origin(UUID leadId, @Nullable String notes) {}
