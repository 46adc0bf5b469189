package org.sarnakh.routing.web;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sarnakh.platform.text.TextKeys;
import org.sarnakh.routing.Capacity;
import org.springframework.util.MultiValueMap;

/**
 * The rep capacity page's two forms as {@code Capacities}' JSON: the profile (caps, taking leads,
 * working days and hours) and a new absence, whose local date-times are read in the rep's time zone.
 */
final class CapacityForm {

  private CapacityForm() {}

  static Map<String, String> of(Capacity c) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("accepting", String.valueOf(c.accepting()));
    m.put("dailyCap", c.dailyCap() == null ? "" : String.valueOf(c.dailyCap()));
    m.put("monthlyCap", c.monthlyCap() == null ? "" : String.valueOf(c.monthlyCap()));
    var h = c.workingHours();
    m.put("days", h == null ? "" : String.join(",", h.days().stream().sorted().map(Enum::name).toList()));
    m.put("from", h == null ? "" : h.from().toString());
    m.put("to", h == null ? "" : h.to().toString());
    return m;
  }

  static Map<String, String> values(MultiValueMap<String, String> form) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("accepting", String.valueOf(form.containsKey("accepting")));
    for (String input : List.of("dailyCap", "monthlyCap", "from", "to")) {
      m.put(input, form.getFirst(input) == null ? "" : form.getFirst(input).strip());
    }
    m.put("days", String.join(",", form.getOrDefault("days", List.of())));
    return m;
  }

  /** No day ticked and no time given: no working hours (always available). */
  static Map<String, Object> json(Map<String, String> v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accepting", "true".equals(v.get("accepting")));
    m.put("dailyCap", v.get("dailyCap").isEmpty() ? null : number(v.get("dailyCap")));
    m.put("monthlyCap", v.get("monthlyCap").isEmpty() ? null : number(v.get("monthlyCap")));
    if (v.get("days").isEmpty() && v.get("from").isEmpty() && v.get("to").isEmpty()) {
      m.put("workingHours", null);
    } else {
      m.put("workingHours", Map.of("days", v.get("days").isEmpty() ? List.of() : List.of(v.get("days").split(",")),
          "from", v.get("from"), "to", v.get("to")));
    }
    return m;
  }

  static Map<String, String> absenceValues(MultiValueMap<String, String> form) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String input : List.of("startsAt", "endsAt", "note")) {
      m.put(input, form.getFirst(input) == null ? "" : form.getFirst(input).strip());
    }
    return m;
  }

  /** Local date-times ({@code 2026-12-24T09:00}) in the rep's zone become instants; others go on for the API to refuse. */
  static Map<String, Object> absenceJson(Map<String, String> v, ZoneId zone) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("startsAt", instant(v.get("startsAt"), zone));
    m.put("endsAt", instant(v.get("endsAt"), zone));
    m.put("note", v.get("note").isEmpty() ? null : v.get("note"));
    return m;
  }

  static List<DayOfWeek> days() {
    return List.of(DayOfWeek.values());
  }

  private static String instant(String local, ZoneId zone) {
    try {
      return LocalDateTime.parse(TextKeys.asciiDigits(local)).atZone(zone).toInstant().toString();
    } catch (DateTimeParseException e) {
      return local;
    }
  }

  private static Object number(String s) {
    try {
      return Integer.valueOf(TextKeys.asciiDigits(s));
    } catch (NumberFormatException e) {
      return s;
    }
  }
}
