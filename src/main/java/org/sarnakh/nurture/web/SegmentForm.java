package org.sarnakh.nurture.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sarnakh.nurture.Segment;
import org.sarnakh.nurture.SegmentDefinition;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.text.TextKeys;
import org.sarnakh.platform.web.FormErrors;
import org.springframework.util.MultiValueMap;

/**
 * The segment editor's form: its inputs as text (what the page shows back after a refusal) and the
 * API's JSON made from them. Filters are named {@code match.<list parameter>} and event conditions
 * {@code events[i].<field>}, so the API's problems ({@code definition.match.tag}) land on their inputs.
 */
final class SegmentForm {

  static final int EVENT_ROWS = 3;
  /** Filters with several values, ticked (status, stage, rating) or typed comma-separated. */
  static final List<String> MULTI = List.of("status", "lifecycleStage", "rating", "tag", "leadSource", "industry", "country");
  static final List<String> SINGLE = List.of("city", "scoreMin", "scoreMax", "ownerId", "teamId", "q");
  static final List<String> EVENT_FIELDS = List.of("type", "path", "withinDays", "atLeast");

  private SegmentForm() {}

  static Map<String, String> empty() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("name", "");
    v.put("kind", "DYNAMIC");
    v.put("version", "");
    MULTI.forEach(n -> v.put("match." + n, ""));
    SINGLE.forEach(n -> v.put("match." + n, ""));
    for (int i = 0; i < EVENT_ROWS; i++) {
      v.put("events[" + i + "].type", "");
      v.put("events[" + i + "].path", "");
      v.put("events[" + i + "].withinDays", "7");
      v.put("events[" + i + "].atLeast", "1");
    }
    return v;
  }

  static Map<String, String> of(Segment s) {
    Map<String, String> v = empty();
    v.put("name", s.name());
    v.put("kind", s.kind().name());
    v.put("version", String.valueOf(s.version()));
    SegmentDefinition d = s.definition();
    if (d != null) {
      d.match().forEach((k, value) -> v.put("match." + k, value));
      for (int i = 0; i < d.events().size() && i < EVENT_ROWS; i++) {
        SegmentDefinition.EventCondition e = d.events().get(i);
        v.put("events[" + i + "].type", e.type().name());
        v.put("events[" + i + "].path", e.path() == null ? "" : e.path());
        v.put("events[" + i + "].withinDays", String.valueOf(e.withinDays()));
        v.put("events[" + i + "].atLeast", String.valueOf(e.atLeast()));
      }
    }
    return v;
  }

  static Map<String, String> values(MultiValueMap<String, String> form) {
    Map<String, String> v = empty();
    for (String key : v.keySet().toArray(String[]::new)) {
      List<String> given = form.get(key);
      if (given != null) {
        v.put(key, String.join(",", given.stream().map(String::strip).filter(s -> !s.isEmpty()).toList()));
      }
    }
    return v;
  }

  /** The definition as the API takes it; blank inputs and event rows without a type are left out. */
  static Map<String, Object> definition(Map<String, String> v) {
    Map<String, Object> match = new LinkedHashMap<>();
    for (String n : MULTI) {
      String value = v.get("match." + n);
      if (!value.isBlank()) {
        match.put(n, List.of(value.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
      }
    }
    for (String n : SINGLE) {
      String value = v.get("match." + n);
      if (!value.isBlank()) {
        match.put(n, n.startsWith("score") ? TextKeys.asciiDigits(value) : value);
      }
    }
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < EVENT_ROWS; i++) {
      String type = v.get("events[" + i + "].type");
      if (type.isBlank()) {
        continue;
      }
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("type", type);
      String path = v.get("events[" + i + "].path");
      if (!path.isBlank()) {
        e.put("path", path);
      }
      e.put("withinDays", number(v.get("events[" + i + "].withinDays")));
      e.put("atLeast", number(v.get("events[" + i + "].atLeast")));
      events.add(e);
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("match", match);
    d.put("events", events);
    return d;
  }

  /** A typed number in any digit system, or the text itself so that the API names what is wrong. */
  private static Object number(String typed) {
    String ascii = TextKeys.asciiDigits(typed.strip());
    try {
      return Integer.valueOf(ascii);
    } catch (NumberFormatException e) {
      return ascii;
    }
  }

  static Map<String, Object> json(Map<String, String> v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", v.get("name"));
    m.put("kind", v.get("kind"));
    if ("DYNAMIC".equals(v.get("kind"))) {
      m.put("definition", definition(v));
    }
    return m;
  }

  /** The API's problems on the form's inputs: {@code definition.match.tag} → {@code match.tag}. */
  static FormErrors errors(InvalidInput e) {
    List<FieldProblem> mapped = e.problems().stream().map(p -> new FieldProblem(
        p.field().startsWith("definition.") ? p.field().substring("definition.".length()) : p.field(), p.message()))
        .toList();
    return FormErrors.of(new InvalidInput(mapped));
  }
}
