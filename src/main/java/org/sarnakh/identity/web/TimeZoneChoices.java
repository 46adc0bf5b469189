package org.sarnakh.identity.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The time zones the profile page offers: those most of our users pick first, then every other zone by name. */
final class TimeZoneChoices {

  static final List<String> COMMON = List.of("Asia/Tehran", "Asia/Dubai", "Asia/Riyadh", "Asia/Baghdad",
      "Asia/Kuwait", "Asia/Qatar", "Asia/Bahrain", "Asia/Muscat", "Asia/Amman", "Asia/Beirut", "Asia/Damascus",
      "Africa/Cairo", "Europe/Istanbul", "Asia/Kabul", "Asia/Karachi", "Europe/London", "Europe/Berlin",
      "America/New_York", "UTC");

  private static final List<String> OTHERS = ZoneId.getAvailableZoneIds().stream()
      .filter(z -> !COMMON.contains(z)).sorted().toList();

  /** A zone as an option: its id, and its name with the offset it has now. */
  record Zone(String id, String label) {}

  private TimeZoneChoices() {}

  static List<Zone> common(Instant now) {
    return COMMON.stream().map(z -> zone(z, now)).toList();
  }

  /** Every other zone; {@code current} too when it is a zone no list has (an offset set through the API). */
  static List<Zone> others(Instant now, String current) {
    List<Zone> zones = new ArrayList<>();
    if (!COMMON.contains(current) && !OTHERS.contains(current)) {
      zones.add(zone(current, now));
    }
    OTHERS.forEach(z -> zones.add(zone(z, now)));
    return zones;
  }

  private static Zone zone(String id, Instant now) {
    ZoneOffset offset = ZoneId.of(id).getRules().getOffset(now);
    return new Zone(id, id.replace('_', ' ') + " (UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId()) + ")");
  }
}
