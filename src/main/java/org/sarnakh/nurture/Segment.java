package org.sarnakh.nurture;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A segment as stored. {@code state} is {@code BUILDING} while a full evaluation (after create or
 * edit) runs as the job {@code jobId}, {@code READY} otherwise; members are kept current either way.
 */
public record Segment(UUID id, String name, SegmentKind kind, @Nullable SegmentDefinition definition, long memberCount,
    String state, @Nullable UUID jobId, @Nullable Instant evaluatedAt, Instant createdAt, Instant updatedAt,
    long version) {

  public static final String READY = "READY";
  public static final String BUILDING = "BUILDING";

  public boolean dynamic() {
    return kind == SegmentKind.DYNAMIC;
  }
}
