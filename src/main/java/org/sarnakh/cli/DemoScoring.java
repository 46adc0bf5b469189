package org.sarnakh.cli;

import java.util.List;
import java.util.Map;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.scoring.ScoringRules;

/**
 * The scoring model a demo starts with (S1): fit for decision makers, the best industries and web
 * leads; engagement for pricing visits, webinars, replies and email clicks, with a job seeker's
 * binge on the careers pages scored down. Written only when no rule exists yet.
 */
final class DemoScoring {

  private DemoScoring() {}

  /** The demo's MQL threshold: about one demo lead in thirteen reaches it on fit alone. */
  static final int DEMO_MQL_THRESHOLD = 40;

  static void starterRules(ScoringRules rules, CurrentUser by) {
    if (!rules.list().isEmpty()) {
      return;
    }
    starter().forEach(r -> rules.create(r, by));
  }

  /** The starter rules as {@code POST /api/v1/scoring/rules} takes them. */
  static List<Map<String, Object>> starter() {
    return List.of(
        fit("Decision makers", 20, "title", "CONTAINS", "CEO", "CTO", "manager", "director", "مدیر", "مدير"),
        fit("Best industries", 15, "industry", "EQUALS", "technology", "finance", "energy"),
        fit("Came through the web site", 5, "leadSource", "EQUALS", "website"),
        engagement("Pricing page", 25, null, Map.of("eventTypes", List.of("PAGE_VIEW"), "path", "/pricing*")),
        engagement("Webinar attended", 20, null, Map.of("eventTypes", List.of("WEBINAR_ATTENDED"))),
        engagement("Replied", 30, null, Map.of("eventTypes", List.of("REPLY"))),
        engagement("Email link clicked", 5, 25, Map.of("eventTypes", List.of("EMAIL_CLICK"))),
        engagement("Job seeker (4 careers pages in a day)", -30, null, Map.of("eventTypes", List.of("PAGE_VIEW"),
            "path", "/careers/**", "frequency", Map.of("count", 4, "window", "P1D"))));
  }

  private static Map<String, Object> fit(String name, int points, String field, String op, String... values) {
    return Map.of("name", name, "axis", "FIT", "points", points, "condition",
        Map.of("field", field, "op", op, "values", List.of(values)));
  }

  private static Map<String, Object> engagement(String name, int points, @org.jspecify.annotations.Nullable Integer cap, Map<String, Object> condition) {
    Map<String, Object> m = new java.util.LinkedHashMap<>(Map.of("name", name, "axis", "ENGAGEMENT", "points", points,
        "condition", condition));
    if (cap != null) {
      m.put("cap", cap);
    }
    return m;
  }
}
