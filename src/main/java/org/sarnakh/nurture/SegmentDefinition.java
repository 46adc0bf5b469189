package org.sarnakh.nurture;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.LeadQuery;
import org.sarnakh.lead.LeadQuery.Filters;
import org.sarnakh.lead.LeadSets;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.scoring.PathGlob;
import org.sarnakh.tracking.EventType;
import org.sarnakh.tracking.TrackedActivity;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a dynamic segment holds: the leads matching list filters ({@code match}, the parameters of
 * the lead list: status, tag, scoreMin, lifecycleStage, country…) that also did every one of
 * {@code events} ("visited /pricing* at least once in the last 7 days").
 *
 * <pre>{"match": {"status": ["NEW", "ASSIGNED"], "scoreMin": 40},
 *  "events": [{"type": "PAGE_VIEW", "path": "/pricing*", "withinDays": 7, "atLeast": 1}]}</pre>
 */
public record SegmentDefinition(Map<String, String> match, Filters filters, List<EventCondition> events) {

  static final int MAX_EVENT_CONDITIONS = 10;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> KEYS = Set.of("match", "events");
  private static final Set<String> EVENT_KEYS = Set.of("type", "path", "withinDays", "atLeast");

  /** At least {@code atLeast} events of {@code type} (on paths matching {@code path}) in the last {@code withinDays} days. */
  public record EventCondition(EventType type, @Nullable String path, int withinDays, int atLeast) {

    Condition condition(Instant now) {
      return TrackedActivity.did(LeadSets.id(), type, path, now.minus(Duration.ofDays(withinDays)), atLeast);
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", type.name());
      if (path != null) {
        m.put("path", path);
      }
      m.put("withinDays", withinDays);
      m.put("atLeast", atLeast);
      return m;
    }
  }

  /** Reads and checks a definition; every problem is reported under {@code definition.…}. */
  public static SegmentDefinition parse(@Nullable Object raw) {
    if (!(raw instanceof Map<?, ?> json)) {
      throw InvalidInput.of("definition", "an object with 'match' (list filters) and 'events'");
    }
    List<FieldProblem> problems = new ArrayList<>();
    for (Object key : json.keySet()) {
      if (!KEYS.contains(String.valueOf(key))) {
        problems.add(new FieldProblem("definition." + key, "unknown; a definition has 'match' and 'events'"));
      }
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    Object match = json.get("match");
    if (match != null && !(match instanceof Map<?, ?>)) {
      problems.add(new FieldProblem("definition.match", "an object of list filters"));
    } else if (match instanceof Map<?, ?> m) {
      for (var e : m.entrySet()) {
        String name = String.valueOf(e.getKey());
        List<String> values = new ArrayList<>();
        if (e.getValue() instanceof List<?> list) {
          list.forEach(v -> values.add(String.valueOf(v)));
        } else if (e.getValue() != null) {
          values.add(String.valueOf(e.getValue()));
        }
        params.put(name, values);
      }
    }
    for (String name : List.of("deleted", "segmentId", "createdFrom", "createdTo")) {
      if (params.containsKey(name)) {
        problems.add(new FieldProblem("definition.match." + name, switch (name) {
          case "deleted" -> "a segment holds live leads only";
          case "segmentId" -> "a segment cannot be defined by another segment";
          default -> "fixed dates make a list, not a segment; use a static list";
        }));
      }
    }
    if ("me".equals(first(params.get("ownerId")))) {
      problems.add(new FieldProblem("definition.match.ownerId", "'me' depends on who looks; name the user"));
    }
    Filters filters = Filters.none();
    try {
      filters = LeadQuery.parseFilters(params);
    } catch (InvalidInput e) {
      e.problems().forEach(p -> problems.add(new FieldProblem("definition.match." + p.field(), p.message())));
    }
    List<EventCondition> events = events(json.get("events"), problems);
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return new SegmentDefinition(LeadQuery.describe(filters), filters, events);
  }

  private static List<EventCondition> events(@Nullable Object raw, List<FieldProblem> problems) {
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> list)) {
      problems.add(new FieldProblem("definition.events", "a list of event conditions"));
      return List.of();
    }
    if (list.size() > MAX_EVENT_CONDITIONS) {
      problems.add(new FieldProblem("definition.events", "at most " + MAX_EVENT_CONDITIONS + " conditions"));
      return List.of();
    }
    List<EventCondition> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "definition.events[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        problems.add(new FieldProblem(at, "an object with type, path, withinDays, atLeast"));
        continue;
      }
      for (Object key : m.keySet()) {
        if (!EVENT_KEYS.contains(String.valueOf(key))) {
          problems.add(new FieldProblem(at + "." + key, "unknown; one of " + EVENT_KEYS));
        }
      }
      EventType type = null;
      try {
        type = EventType.valueOf(String.valueOf(m.get("type")).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem(at + ".type", "one of " + List.of(EventType.values())));
      }
      String path = null;
      if (m.get("path") != null) {
        path = String.valueOf(m.get("path")).strip();
        try {
          PathGlob.of(path);
        } catch (IllegalArgumentException e) {
          problems.add(new FieldProblem(at + ".path", e.getMessage()));
        }
      }
      Integer within = whole(m.get("withinDays"), 1, 3650, at + ".withinDays", problems);
      Integer atLeast = m.get("atLeast") == null ? Integer.valueOf(1) : whole(m.get("atLeast"), 1, 1000, at + ".atLeast", problems);
      if (type != null && within != null && atLeast != null) {
        out.add(new EventCondition(type, path, within, atLeast));
      }
    }
    return List.copyOf(out);
  }

  private static @Nullable Integer whole(@Nullable Object v, int min, int max, String field, List<FieldProblem> problems) {
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.intValue() >= min && n.intValue() <= max) {
      return n.intValue();
    }
    problems.add(new FieldProblem(field, "a whole number from " + min + " to " + max));
    return null;
  }

  private static @Nullable String first(@Nullable List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The stored form, read back by {@link #fromJson}. */
  public String toJson() {
    return JSON.writeValueAsString(toMap());
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("match", match);
    m.put("events", events.stream().map(EventCondition::toJson).toList());
    return m;
  }

  static SegmentDefinition fromJson(String json) {
    return parse(JSON.readValue(json, Map.class));
  }

  /** True when membership also depends on time passing (events inside a window), not only on changes. */
  public boolean timeDependent() {
    return !events.isEmpty();
  }

  /** What {@link #condition} selects from. */
  org.jooq.Table<?> table() {
    return LeadSets.table(filters);
  }

  /** The leads this definition holds at {@code now}, over {@link #table()}. */
  Condition condition(Instant now) {
    Condition c = LeadSets.matching(filters);
    for (EventCondition e : events) {
      c = c.and(e.condition(now));
    }
    return c;
  }

  /** A definition that matches every lead: allowed, but worth a warning on the page. */
  public boolean matchesEveryone() {
    return match.isEmpty() && events.isEmpty();
  }
}
