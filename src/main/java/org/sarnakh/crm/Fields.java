package org.sarnakh.crm;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.Money;
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

  /** Text that may span lines (descriptions, notes). */
  @Nullable String multiline(String name, int max) {
    Object v = json.get(name);
    if (v == null || (v instanceof String s && s.isBlank())) {
      return null;
    }
    if (!(v instanceof String s)) {
      problems.add(new FieldProblem(name, "a string"));
      return null;
    }
    String t = s.strip();
    if (TextKeys.hasForbiddenControlsMultiline(t)) {
      problems.add(new FieldProblem(name, "contains control or bidirectional-override characters"));
    } else if (t.codePointCount(0, t.length()) > max) {
      problems.add(new FieldProblem(name, "at most " + max + " characters"));
    }
    return t;
  }

  @Nullable Integer integer(String name, int min, int max) {
    Object v = json.get(name);
    if (v == null || (v instanceof String s && s.isBlank())) {
      return null;
    }
    try {
      long n = v instanceof Number num && !(v instanceof Double || v instanceof Float) ? num.longValue()
          : Long.parseLong(TextKeys.asciiDigits(String.valueOf(v)).strip());
      if (n < min || n > max) {
        problems.add(new FieldProblem(name, "between " + min + " and " + max));
        return null;
      }
      return (int) n;
    } catch (NumberFormatException e) {
      problems.add(new FieldProblem(name, "a whole number"));
      return null;
    }
  }

  @Nullable Money money(String name) {
    Object v = json.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map<?, ?> m) || m.get("amount") == null) {
      problems.add(new FieldProblem(name, "an object {\"amount\", \"currency\"}"));
      return null;
    }
    Object amount = m.get("amount");
    return value(() -> Money.of(amount instanceof java.math.BigDecimal b ? b.toPlainString() : String.valueOf(amount),
        m.get("currency") == null ? null : String.valueOf(m.get("currency")), name));
  }

  /** A code of an admin-managed list, stored as given in the list. */
  @Nullable String code(String name, String list, java.util.function.BiPredicate<String, String> exists,
      java.util.function.UnaryOperator<String> normal) {
    String s = text(name, 50, false);
    if (s == null) {
      return null;
    }
    String code = normal.apply(s);
    if (!exists.test(list, code)) {
      problems.add(new FieldProblem(name, "unknown code '" + s + "'"));
      return null;
    }
    return code;
  }

  /**
   * A nested object of texts ({@code address}, {@code socials}) read into {@code group.key} fields;
   * the fields of the group are read like top-level ones, so problems name {@code address.city}.
   */
  Fields group(String name, java.util.Set<String> keys) {
    Object v = json.get(name);
    Map<String, Object> inner = new java.util.LinkedHashMap<>();
    if (v instanceof Map<?, ?> m) {
      m.forEach((k, x) -> {
        if (!keys.contains(String.valueOf(k))) {
          problems.add(new FieldProblem(name + "." + k, "unknown field"));
        } else {
          inner.put(name + "." + k, x);
        }
      });
    } else if (v != null) {
      problems.add(new FieldProblem(name, "an object"));
    }
    return new Fields(inner, problems);
  }

  /** Free-form named values (custom fields carried from a lead): names as custom field names, values as text. */
  Map<String, String> customFields(String name) {
    Object v = json.get(name);
    Map<String, String> out = new java.util.TreeMap<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof Map<?, ?> m)) {
      problems.add(new FieldProblem(name, "an object"));
      return out;
    }
    m.forEach((k, x) -> {
      String key = String.valueOf(k);
      if (!key.matches("[a-z][A-Za-z0-9]{0,49}")) {
        problems.add(new FieldProblem(name + "." + key, "not a custom field name"));
      } else if (x != null && !(x instanceof Map || x instanceof java.util.Collection)) {
        String text = String.valueOf(x).strip();
        if (text.length() > 4000 || TextKeys.hasForbiddenControls(text)) {
          problems.add(new FieldProblem(name + "." + key, "at most 4000 characters, no control characters"));
        } else if (!text.isEmpty()) {
          out.put(key, text);
        }
      } else if (x != null) {
        problems.add(new FieldProblem(name + "." + key, "a single value"));
      }
    });
    return out;
  }

  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
  private static final tools.jackson.core.type.TypeReference<java.util.TreeMap<String, String>> TEXTS =
      new tools.jackson.core.type.TypeReference<>() {};

  static @Nullable String json(Map<String, String> values) {
    return values.isEmpty() ? null : JSON.writeValueAsString(values);
  }

  static Map<String, String> texts(@Nullable String json) {
    return json == null ? Map.of() : java.util.Collections.unmodifiableMap(JSON.readValue(json, TEXTS));
  }

  /** RFC 7386 merge patch of {@code patch} onto {@code current}: objects merge, null removes, the rest replaces. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(Map<String, ?> current, Map<String, ?> patch) {
    Map<String, Object> out = new java.util.LinkedHashMap<>(current);
    patch.forEach((k, v) -> {
      if (v == null) {
        out.remove(k);
      } else if (v instanceof Map<?, ?> pm && out.get(k) instanceof Map<?, ?> cm) {
        out.put(k, merge((Map<String, ?>) cm, (Map<String, ?>) pm));
      } else {
        out.put(k, v);
      }
    });
    return out;
  }

  static void requireVersion(@Nullable Long ifMatch, long version) {
    if (ifMatch != null && ifMatch != version) {
      throw new org.sarnakh.platform.StaleVersion(ifMatch, version);
    }
  }

  static Instant now(java.time.Clock clock) {
    return org.sarnakh.platform.ApiTime.truncate(clock.instant());
  }
}
