package org.sarnakh.scoring;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.LeadField;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.text.TextKeys;
import org.sarnakh.scoring.ScoringRule.EventCondition;
import org.sarnakh.scoring.ScoringRule.FieldCondition;
import org.sarnakh.scoring.ScoringRule.Frequency;
import org.sarnakh.scoring.ScoringRule.Op;
import org.sarnakh.tracking.EventType;

/**
 * A rule's condition as JSON, both ways. Fit rules name a lead field
 * ({@code {"field":"industry","op":"EQUALS","values":["technology"]}}); engagement rules describe
 * events ({@code {"eventTypes":["PAGE_VIEW"],"path":"/pricing*","properties":{},"frequency":
 * {"count":4,"window":"P1D"}}}). Everything a rule can name is checked when it is saved: an unknown
 * field, type or operator is refused then, not discovered while scoring.
 */
public final class RuleDefinitions {

  /** Lead fields a fit rule may name: every field of the lead but free text and ids. */
  static final Set<String> FIELDS;

  static {
    Set<String> f = new LinkedHashSet<>();
    for (LeadField field : LeadField.values()) {
      switch (field.kind()) {
        case MULTILINE, CUSTOM, USER, TEAM, CAMPAIGN -> { }
        case MONEY -> f.add(field.apiName() + ".amount");
        default -> f.add(field.apiName());
      }
    }
    f.addAll(List.of("ownerId", "campaignId", "lifecycleStage", "status"));
    FIELDS = Set.copyOf(f);
  }

  /** The fields a fit rule may name, sorted, for the rule editor. */
  public static List<String> fields() {
    return FIELDS.stream().sorted().toList();
  }

  static final int MAX_VALUES = 20;
  static final int MAX_WILDCARDS = 5;
  static final Duration SHORTEST_WINDOW = Duration.ofMinutes(1);
  static final Duration LONGEST_WINDOW = Duration.ofDays(365);

  private RuleDefinitions() {}

  public static ScoringRule.Condition parse(Axis axis, @Nullable Object json) {
    if (!(json instanceof Map<?, ?> map)) {
      throw InvalidInput.of("condition", "an object describing what the rule looks for");
    }
    return axis == Axis.FIT ? field(map) : events(map);
  }

  private static FieldCondition field(Map<?, ?> map) {
    List<FieldProblem> problems = new ArrayList<>();
    only(map, Set.of("field", "op", "values"), problems);
    String field = String.valueOf(map.get("field"));
    if (!FIELDS.contains(field)) {
      problems.add(new FieldProblem("condition.field", "a lead field such as title, industry, companySize, "
          + "annualRevenue.amount, address.country, leadSource or tags"));
    }
    Op op = null;
    try {
      op = Op.valueOf(String.valueOf(map.get("op")).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem("condition.op", "one of " + List.of(Op.values())));
    }
    List<String> values = strings(map.get("values"), "condition.values", problems);
    if (op != null && op != Op.PRESENT && op != Op.ABSENT && values.isEmpty()) {
      problems.add(new FieldProblem("condition.values", "at least one value"));
    }
    if ((op == Op.AT_LEAST || op == Op.AT_MOST) && !values.isEmpty() && !values.get(0).matches("-?[0-9۰-۹٠-٩]+(\\.[0-9]+)?")) {
      problems.add(new FieldProblem("condition.values", "a number"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return new FieldCondition(field, op, values);
  }

  private static EventCondition events(Map<?, ?> map) {
    List<FieldProblem> problems = new ArrayList<>();
    only(map, Set.of("eventTypes", "path", "properties", "frequency"), problems);
    Set<EventType> types = new LinkedHashSet<>();
    for (String t : strings(map.get("eventTypes"), "condition.eventTypes", problems)) {
      try {
        types.add(EventType.valueOf(t.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("condition.eventTypes", "unknown event type " + t));
      }
    }
    PathGlob path = null;
    Object p = map.get("path");
    if (p != null) {
      String glob = String.valueOf(p);
      if (glob.chars().filter(c -> c == '*').count() > MAX_WILDCARDS * 2L) {
        problems.add(new FieldProblem("condition.path", "at most " + MAX_WILDCARDS + " wildcards"));
      } else {
        try {
          path = PathGlob.of(glob);
        } catch (IllegalArgumentException e) {
          problems.add(new FieldProblem("condition.path", e.getMessage()));
        }
      }
    }
    Map<String, String> properties = new LinkedHashMap<>();
    Object props = map.get("properties");
    if (props instanceof Map<?, ?> pm) {
      pm.forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    } else if (props != null) {
      problems.add(new FieldProblem("condition.properties", "an object of property names to values"));
    }
    Frequency frequency = null;
    Object f = map.get("frequency");
    if (f instanceof Map<?, ?> fm) {
      frequency = frequency(fm, problems);
    } else if (f != null) {
      problems.add(new FieldProblem("condition.frequency", "an object {\"count\": 4, \"window\": \"P1D\"}"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return new EventCondition(types, path, properties, frequency);
  }

  private static @Nullable Frequency frequency(Map<?, ?> fm, List<FieldProblem> problems) {
    int count = fm.get("count") instanceof Number n ? n.intValue() : -1;
    if (count < 2 || count > 1000) {
      problems.add(new FieldProblem("condition.frequency.count", "a whole number from 2 to 1000"));
    }
    Duration window = null;
    try {
      window = Duration.parse(String.valueOf(fm.get("window")));
      if (window.compareTo(SHORTEST_WINDOW) < 0 || window.compareTo(LONGEST_WINDOW) > 0) {
        problems.add(new FieldProblem("condition.frequency.window", "from PT1M to P365D"));
      }
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem("condition.frequency.window", "an ISO-8601 duration such as P1D or PT6H"));
    }
    return count < 2 || window == null ? null : new Frequency(count, window);
  }

  /** The condition as stored and shown. */
  public static Map<String, Object> write(ScoringRule.Condition condition) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (condition instanceof FieldCondition f) {
      m.put("field", f.field());
      m.put("op", f.op().name());
      m.put("values", f.values());
    } else if (condition instanceof EventCondition e) {
      m.put("eventTypes", e.types().stream().map(Enum::name).sorted().toList());
      m.put("path", e.path() == null ? null : e.path().glob());
      m.put("properties", e.properties());
      m.put("frequency", e.frequency() == null ? null
          : Map.of("count", e.frequency().count(), "window", e.frequency().window().toString()));
    }
    return m;
  }

  private static void only(Map<?, ?> map, Set<String> known, List<FieldProblem> problems) {
    for (Object key : map.keySet()) {
      if (!known.contains(String.valueOf(key))) {
        problems.add(new FieldProblem("condition." + key, "unknown field"));
      }
    }
  }

  private static List<String> strings(@Nullable Object value, String field, List<FieldProblem> problems) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || list.size() > MAX_VALUES) {
      problems.add(new FieldProblem(field, "a list of at most " + MAX_VALUES + " values"));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      String s = o == null ? "" : String.valueOf(o).strip();
      if (s.isEmpty() || s.length() > 200 || TextKeys.hasForbiddenControls(s)) {
        problems.add(new FieldProblem(field, "values are 1 to 200 characters without control characters"));
        return List.of();
      }
      out.add(s);
    }
    return out;
  }
}
