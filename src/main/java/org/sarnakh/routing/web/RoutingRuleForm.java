package org.sarnakh.routing.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.RuleViolation;
import org.sarnakh.platform.text.TextKeys;
import org.sarnakh.platform.web.FormErrors;
import org.sarnakh.routing.RoutingRule;
import org.sarnakh.routing.RuleCondition;
import org.springframework.util.MultiValueMap;

/**
 * The routing rule editor's form, both ways: inputs named after the API's fields
 * ({@code conditions[0].values}, {@code pool.teamId}, {@code slaMinutes}…) so that a refused
 * field's message lands beside its input. A condition's values are one per line or comma; the
 * pool is a team or ticked users ({@code pool.users}), each with a {@code weight.<userId>}. Condition
 * rows left without a field are dropped, and the API's row numbers mapped back to the form's.
 */
final class RoutingRuleForm {

  /** Condition rows the editor shows beyond the rule's own, for adding new ones. */
  static final int SPARE_ROWS = 2;

  static final int MAX_CONDITIONS = 20;

  private static final List<String> INPUTS = List.of("id", "version", "name", "active", "strategy", "pool.kind",
      "pool.teamId", "pool.users", "slaMinutes");

  private static final Pattern MEMBER = Pattern.compile("^pool\\.users\\[(\\d+)](\\..+)?$");

  private static final Pattern CONDITION = Pattern.compile("^conditions\\[(\\d+)](\\..+)?$");

  private RoutingRuleForm() {}

  static Map<String, String> empty() {
    Map<String, String> m = new LinkedHashMap<>();
    INPUTS.forEach(i -> m.put(i, ""));
    m.put("active", "true");
    m.put("strategy", "ROUND_ROBIN");
    m.put("pool.kind", "users");
    return m;
  }

  static Map<String, String> values(MultiValueMap<String, String> form) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String input : INPUTS) {
      List<String> given = form.getOrDefault(input, List.of());
      m.put(input, input.equals("pool.users") ? String.join(",", given) : given.isEmpty() ? "" : given.get(0).strip());
    }
    if (!form.containsKey("active")) {
      m.put("active", "false");
    }
    for (int i = 0; i < MAX_CONDITIONS; i++) {
      String at = "conditions[" + i + "]";
      if (!form.containsKey(at + ".field")) {
        break;
      }
      for (String part : List.of(".field", ".op", ".values")) {
        m.put(at + part, form.getFirst(at + part) == null ? "" : form.getFirst(at + part).strip());
      }
    }
    form.forEach((k, v) -> {
      if (k.startsWith("weight.") && !v.isEmpty()) {
        m.put(k, v.get(0).strip());
      }
    });
    return m;
  }

  static Map<String, String> of(RoutingRule r) {
    Map<String, String> m = empty();
    m.put("id", r.id().toString());
    m.put("version", String.valueOf(r.version()));
    m.put("name", r.name());
    m.put("active", String.valueOf(r.active()));
    m.put("strategy", r.strategy().name());
    m.put("slaMinutes", r.slaMinutes() == null ? "" : String.valueOf(r.slaMinutes()));
    if (r.poolTeam() != null) {
      m.put("pool.kind", "team");
      m.put("pool.teamId", r.poolTeam().toString());
    } else {
      m.put("pool.users", String.join(",", r.poolUsers().stream().map(u -> u.userId().toString()).toList()));
      r.poolUsers().forEach(u -> m.put("weight." + u.userId(), String.valueOf(u.weight())));
    }
    for (int i = 0; i < r.conditions().size(); i++) {
      RuleCondition c = r.conditions().get(i);
      m.put("conditions[" + i + "].field", c.field());
      m.put("conditions[" + i + "].op", op(c.op()));
      m.put("conditions[" + i + "].values", String.join("\n", c.values()));
    }
    return m;
  }

  /** How many condition rows the form holds. */
  static int conditionRows(Map<String, String> values) {
    int n = 0;
    while (values.containsKey("conditions[" + n + "].field")) {
      n++;
    }
    return n;
  }

  /** The form as the rules API's JSON; rows without a field are left out, numbers that are not numbers go on as text. */
  static Map<String, Object> json(Map<String, String> v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", v.get("name"));
    m.put("active", "true".equals(v.get("active")) || "on".equals(v.get("active")));
    m.put("strategy", v.get("strategy"));
    m.put("slaMinutes", v.get("slaMinutes").isEmpty() ? null : number(v.get("slaMinutes")));
    List<Map<String, Object>> conditions = new ArrayList<>();
    for (int i = 0; i < conditionRows(v); i++) {
      String at = "conditions[" + i + "]";
      if (v.get(at + ".field").isEmpty()) {
        continue;
      }
      conditions.add(Map.of("field", v.get(at + ".field"), "op", v.get(at + ".op"),
          "values", split(v.get(at + ".values"))));
    }
    m.put("conditions", conditions);
    Map<String, Object> pool = new LinkedHashMap<>();
    if ("team".equals(v.get("pool.kind"))) {
      pool.put("teamId", v.get("pool.teamId").isEmpty() ? null : v.get("pool.teamId"));
    } else {
      List<Map<String, Object>> members = new ArrayList<>();
      for (String user : members(v)) {
        String w = v.getOrDefault("weight." + user, "");
        members.add(Map.of("userId", user, "weight", w.isEmpty() ? 1 : number(w)));
      }
      pool.put("users", members);
    }
    m.put("pool", pool);
    return m;
  }

  /**
   * The API's problems as inline messages: a listed member's problem goes to that user's weight
   * input; a refused reference ("pool.teamId: no team …") to the field its message names.
   */
  static FormErrors errors(InvalidInput e, Map<String, String> values) {
    List<String> members = members(values);
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < conditionRows(values); i++) {
      if (!values.get("conditions[" + i + "].field").isEmpty()) {
        rows.add(i);
      }
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (InvalidInput.FieldProblem p : e.problems()) {
      Matcher at = MEMBER.matcher(p.field());
      Matcher condition = CONDITION.matcher(p.field());
      String field = p.field();
      if (condition.matches()) {
        int i = Integer.parseInt(condition.group(1));
        field = i < rows.size() ? "conditions[" + rows.get(i) + "]" + (condition.group(2) == null ? ".field"
            : condition.group(2)) : "conditions";
      } else if (at.matches()) {
        int i = Integer.parseInt(at.group(1));
        field = ".weight".equals(at.group(2)) && i < members.size() ? "weight." + members.get(i) : "pool.users";
      }
      m.putIfAbsent(field, p.message());
    }
    return new FormErrors(m);
  }

  static FormErrors errors(RuleViolation e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int colon = message.indexOf(':');
    String field = colon > 0 ? message.substring(0, colon) : "name";
    return FormErrors.of(field, colon > 0 ? message.substring(colon + 1).strip() : message);
  }

  static List<String> members(Map<String, String> v) {
    return split(v.getOrDefault("pool.users", ""));
  }

  private static String op(RuleCondition.Op op) {
    return op == RuleCondition.Op.NOT_IN ? "notIn" : op.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static Object number(String s) {
    try {
      return Integer.valueOf(TextKeys.asciiDigits(s.strip()));
    } catch (NumberFormatException e) {
      return s;
    }
  }

  private static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    for (String part : s.split("[,،\\n]")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }
}
