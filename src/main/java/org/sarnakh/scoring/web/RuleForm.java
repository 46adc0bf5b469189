package org.sarnakh.scoring.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sarnakh.scoring.Axis;
import org.sarnakh.scoring.RuleDefinitions;
import org.sarnakh.scoring.ScoringRules;
import org.springframework.util.MultiValueMap;

/**
 * The rule editor's form, both ways: inputs named after the API's fields ({@code condition.path},
 * {@code condition.frequency.count}…) so that a refused field's message lands beside its input;
 * lists as one value per line or comma.
 */
final class RuleForm {

  static final List<String> INPUTS = List.of("id", "version", "name", "axis", "points", "cap", "active", "condition.field",
      "condition.op", "condition.values", "condition.eventTypes", "condition.path", "condition.properties",
      "condition.frequency.count", "condition.frequency.window");

  static final Map<String, String> EMPTY;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    INPUTS.forEach(i -> m.put(i, ""));
    m.put("active", "true");
    m.put("condition.op", "EQUALS");
    m.put("condition.frequency.window", "P1D");
    EMPTY = Map.copyOf(m);
  }

  private RuleForm() {}

  static Map<String, String> values(MultiValueMap<String, String> form) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String input : INPUTS) {
      List<String> given = form.getOrDefault(input, List.of());
      m.put(input, input.equals("condition.eventTypes") ? String.join(",", given)
          : given.isEmpty() ? "" : given.get(0).strip());
    }
    if (!form.containsKey("active")) {
      m.put("active", "false");
    }
    return m;
  }

  static Map<String, String> of(ScoringRules.Stored stored) {
    Map<String, String> m = new LinkedHashMap<>(EMPTY);
    m.put("id", stored.rule().id().toString());
    m.put("version", String.valueOf(stored.rule().version()));
    m.put("name", stored.rule().name());
    m.put("axis", stored.rule().axis().name());
    m.put("points", String.valueOf(stored.rule().points()));
    m.put("cap", stored.rule().cap() == null ? "" : String.valueOf(stored.rule().cap()));
    m.put("active", String.valueOf(stored.active()));
    Map<String, Object> c = RuleDefinitions.write(stored.rule().condition());
    if (stored.rule().axis() == Axis.FIT) {
      m.put("condition.field", String.valueOf(c.get("field")));
      m.put("condition.op", String.valueOf(c.get("op")));
      m.put("condition.values", String.join("\n", strings(c.get("values"))));
    } else {
      m.put("condition.eventTypes", String.join(",", strings(c.get("eventTypes"))));
      m.put("condition.path", c.get("path") == null ? "" : String.valueOf(c.get("path")));
      StringBuilder props = new StringBuilder();
      if (c.get("properties") instanceof Map<?, ?> p) {
        p.forEach((k, v) -> props.append(props.isEmpty() ? "" : "\n").append(k).append('=').append(v));
      }
      m.put("condition.properties", props.toString());
      if (c.get("frequency") instanceof Map<?, ?> f) {
        m.put("condition.frequency.count", String.valueOf(f.get("count")));
        m.put("condition.frequency.window", String.valueOf(f.get("window")));
      }
    }
    return m;
  }

  /** The form as the rules API's JSON, with numbers that are not numbers passed on as text for its checks to refuse. */
  static Map<String, Object> json(Map<String, String> v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", v.get("name"));
    m.put("axis", v.get("axis"));
    m.put("points", number(v.get("points")));
    m.put("cap", v.get("cap").isEmpty() ? null : number(v.get("cap")));
    m.put("active", "true".equals(v.get("active")) || "on".equals(v.get("active")));
    Map<String, Object> c = new LinkedHashMap<>();
    if ("FIT".equals(v.get("axis"))) {
      c.put("field", v.get("condition.field"));
      c.put("op", v.get("condition.op"));
      c.put("values", lines(v.get("condition.values")));
    } else {
      c.put("eventTypes", split(v.get("condition.eventTypes")));
      if (!v.get("condition.path").isEmpty()) {
        c.put("path", v.get("condition.path"));
      }
      Map<String, String> props = new LinkedHashMap<>();
      for (String line : v.get("condition.properties").split("\\R")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          props.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
      }
      c.put("properties", props);
      if (!v.get("condition.frequency.count").isEmpty()) {
        c.put("frequency", Map.of("count", number(v.get("condition.frequency.count")),
            "window", v.get("condition.frequency.window")));
      }
    }
    m.put("condition", c);
    return m;
  }

  static Object number(String s) {
    try {
      return Integer.valueOf(org.sarnakh.platform.text.TextKeys.asciiDigits(s.strip()));
    } catch (NumberFormatException e) {
      return s;
    }
  }

  /** One value per line: a value may hold commas ("Acme, Inc."). */
  static List<String> lines(String s) {
    List<String> out = new ArrayList<>();
    for (String line : s.split("\\R")) {
      if (!line.isBlank()) {
        out.add(line.strip());
      }
    }
    return out;
  }

  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    for (String part : s.split("[,،\\n]")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  private static List<String> strings(Object o) {
    return o instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
  }
}
