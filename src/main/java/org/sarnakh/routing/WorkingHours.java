package org.sarnakh.routing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * When a rep works, in their own time zone: on {@code days}, from {@code from} to {@code to}
 * (a span past midnight, 22:00–06:00, belongs to the day it starts on).
 */
public record WorkingHours(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

  public WorkingHours {
    if (days.isEmpty()) {
      throw new IllegalArgumentException("working hours need at least one day");
    }
    if (from.equals(to)) {
      throw new IllegalArgumentException("working hours cannot start and end at the same time");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
  }

  public boolean contains(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    LocalTime t = local.toLocalTime();
    DayOfWeek day = local.getDayOfWeek();
    if (from.isBefore(to)) {
      return days.contains(day) && !t.isBefore(from) && t.isBefore(to);
    }
    return days.contains(day) && !t.isBefore(from) || days.contains(day.minus(1)) && t.isBefore(to);
  }
}
