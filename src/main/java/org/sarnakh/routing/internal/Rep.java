package org.sarnakh.routing.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.routing.Capacity;
import org.sarnakh.routing.SkipReason;

/**
 * What routing knows of one user at routing time: whether they exist and are active, their
 * capacity, whether they are away, and how many leads they got today and this month (their time zone).
 */
public record Rep(UUID id, String name, boolean exists, boolean active, ZoneId zone, Capacity capacity, boolean away,
    int today, int month) {

  public static Rep unknown(UUID id) {
    return new Rep(id, "?", false, false, ZoneId.of("UTC"), Capacity.open(id), false, 0, 0);
  }

  /** Why this rep cannot take a lead at {@code at} (null: they can), having got {@code extraToday}/{@code extraMonth} more in this batch. */
  public @Nullable SkipReason unavailable(Instant at, Set<UUID> excluded, int extraToday, int extraMonth) {
    if (!exists) {
      return SkipReason.UNKNOWN_USER;
    }
    if (!active) {
      return SkipReason.INACTIVE;
    }
    if (excluded.contains(id)) {
      return SkipReason.EXCLUDED;
    }
    if (!capacity.accepting()) {
      return SkipReason.NOT_ACCEPTING;
    }
    if (away) {
      return SkipReason.OUT_OF_OFFICE;
    }
    if (capacity.workingHours() != null && !capacity.workingHours().contains(at, zone)) {
      return SkipReason.OUTSIDE_WORKING_HOURS;
    }
    if (capacity.dailyCap() != null && today + extraToday >= capacity.dailyCap()) {
      return SkipReason.DAILY_CAP_REACHED;
    }
    if (capacity.monthlyCap() != null && month + extraMonth >= capacity.monthlyCap()) {
      return SkipReason.MONTHLY_CAP_REACHED;
    }
    return null;
  }

  public String dayKey(Instant at) {
    return "d" + at.atZone(zone).toLocalDate();
  }

  public String monthKey(Instant at) {
    return "m" + java.time.YearMonth.from(at.atZone(zone));
  }
}
