package org.sarnakh.crm;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.InvalidValue;
import org.sarnakh.platform.text.TextKeys;

/** Reads the simple typed fields of CRM records from JSON maps, collecting problems per field. */
final class Fields {

  private final Map<String, ?> json;
  private final List<FieldProblem> problems;

  Fields(Map<String, ?> json, List<FieldProblem> problems) {
    this.json = json;
    this.problems = problems;
  }

  @Nullable String text(String name, int max, boolean required) {
    Object v = json.get(name);
    if (v == null || (v instanceof String s && s.isBlank())) {
      if (required) {
        problems.add(new FieldProblem(name, "required"));
      }
      return null;
    }
    if (!(v instanceof String s)) {
      problems.add(new FieldProblem(name, "a string"));
      return null;
    }
    String t = s.strip();
    if (TextKeys.hasForbiddenControls(t)) {
      problems.add(new FieldProblem(name, "contains control or bidirectional-override characters"));
    } else if (t.codePointCount(0, t.length()) > max) {
      problems.add(new FieldProblem(name, "at most " + max + " characters"));
    }
    return t;
  }

  @Nullable UUID uuid(String name, boolean required) {
    Object v = json.get(name);
    if (v == null) {
      if (required) {
        problems.add(new FieldProblem(name, "required"));
      }
      return null;
    }
    try {
      return UUID.fromString(String.valueOf(v));
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem(name, "a UUID"));
      return null;
    }
  }

  @Nullable LocalDate date(String name) {
    Object v = json.get(name);
    if (v == null) {
      return null;
    }
    try {
      return LocalDate.parse(String.valueOf(v));
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(name, "an ISO date like 2026-12-31"));
      return null;
    }
  }

  /** Runs a value parser that reports by {@link InvalidValue}, adding its problem to the list. */
  <T> @Nullable T value(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (InvalidValue e) {
      problems.add(new FieldProblem(e.field(), e.getMessage()));
      return null;
    }
  }

  void onlyKnown(java.util.Set<String> known) {
    for (String key : json.keySet()) {
      if (!known.contains(key)) {
        problems.add(new FieldProblem(key, "unknown field"));
      }
    }
  }

  static Instant now(java.time.Clock clock) {
    return org.sarnakh.platform.ApiTime.truncate(clock.instant());
  }
}
