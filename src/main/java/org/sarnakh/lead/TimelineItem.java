package org.sarnakh.lead;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One entry of a lead's timeline: an activity, a status or owner change, or the creation. */
public record TimelineItem(String type, Instant at, String actorName, String summary, @Nullable String ref,
    Map<String, String> details) {}
