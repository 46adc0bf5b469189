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

  /**
   * The instant {@code work} of working time after {@code from}: time outside the working hours
   * does not count (15 minutes given at 16:55 with hours 09:00–17:00 end at 09:10 the next working day).
   */
  public Instant plusWorking(Instant from, java.time.Duration work, ZoneId zone) {
    long left = work.toSeconds();
    ZonedDateTime t = from.atZone(zone);
    java.time.LocalDate day = t.toLocalDate().minusDays(1);
    for (int guard = 0; guard < 800 && left > 0; guard++, day = day.plusDays(1)) {
      if (!days.contains(day.getDayOfWeek())) {
        continue;
      }
      ZonedDateTime start = day.atTime(this.from).atZone(zone);
      ZonedDateTime end = (this.from.isBefore(to) ? day : day.plusDays(1)).atTime(to).atZone(zone);
      if (!end.isAfter(t)) {
        continue;
      }
      if (t.isBefore(start)) {
        t = start;
      }
      long available = java.time.Duration.between(t, end).toSeconds();
      if (left <= available) {
        return t.plusSeconds(left).toInstant();
      }
      left -= available;
      t = end;
    }
    return t.toInstant();
  }
}
