package org.sarnakh.crm;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One keyset page of a CRM list, newest first. */
public record Page<T>(List<T> items, @Nullable String nextCursor) {}
