package org.sarnakh.routing.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.routing.Assignment;
import org.sarnakh.routing.RoutingRule;
import org.sarnakh.routing.RoutingRules;

/** How routing's records look in the API. */
final class RoutingViews {

  private RoutingViews() {}

  static Map<String, Object> rule(RoutingRule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id().toString());
    m.put("position", r.position());
    m.putAll(RoutingRules.view(r));
    m.put("version", r.version());
    return m;
  }

  static Map<String, Object> assignment(Assignment a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("leadId", a.leadId().toString());
    m.put("at", ApiTime.format(a.at()));
    m.put("cause", a.cause().name());
    m.put("outcome", a.outcome().name());
    m.put("ruleId", a.ruleId() == null ? null : a.ruleId().toString());
    m.put("ruleName", a.ruleName());
    m.put("strategy", a.strategy() == null ? null : a.strategy().name());
    m.put("ownerId", a.ownerId() == null ? null : a.ownerId().toString());
    m.put("teamId", a.teamId() == null ? null : a.teamId().toString());
    m.put("by", a.actorName());
    m.put("summary", a.summary());
    m.put("explanation", a.explanation());
    return m;
  }

  static Map<String, Object> pending(org.sarnakh.routing.Handoffs.Pending p, String state) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("leadId", p.leadId().toString());
    m.put("ownerId", p.ownerId().toString());
    m.put("state", state);
    m.put("assignedAt", ApiTime.format(p.assignedAt()));
    m.put("dueAt", ApiTime.format(p.dueAt()));
    m.put("reassignments", p.reassignments());
    return m;
  }

  static Map<String, Object> defaults(RoutingRules.Defaults d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("defaultOwnerId", d.ownerId() == null ? null : d.ownerId().toString());
    m.put("defaultTeamId", d.teamId() == null ? null : d.teamId().toString());
    m.put("version", d.version());
    return m;
  }

  static @Nullable Long version(@Nullable String ifMatch) {
    if (ifMatch == null || ifMatch.strip().equals("*")) {
      return null;
    }
    try {
      return Long.valueOf(ifMatch.strip().replace("\"", ""));
    } catch (NumberFormatException e) {
      throw InvalidInput.of("If-Match", "a version, like \"3\"");
    }
  }
}
