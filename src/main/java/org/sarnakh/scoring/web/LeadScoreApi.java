package org.sarnakh.scoring.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.sarnakh.identity.Accessor;
import org.sarnakh.lead.LeadId;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.scoring.LeadScoring;
import org.sarnakh.scoring.ScoreCalculator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/leads/{id}/score}: fit, engagement and total now, every contribution with its
 * decayed value (decimal strings with two fraction digits that add up exactly to the totals), and
 * the daily score history.
 */
@RestController
@RequestMapping("/api/v1/leads/{id}/score")
class LeadScoreApi {

  private final LeadScoring scoring;
  private final Accessor access;

  LeadScoreApi(LeadScoring scoring, Accessor access) {
    this.scoring = scoring;
    this.access = access;
  }

  @GetMapping
  Map<String, Object> score(@PathVariable UUID id) {
    var user = access.current();
    ScoreCalculator.Sheet sheet = scoring.sheet(new LeadId(id), user);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fit", sheet.fit().toPlainString());
    out.put("engagement", sheet.engagement().toPlainString());
    out.put("total", sheet.total().toPlainString());
    out.put("grade", scoring.grade(sheet));
    out.put("at", ApiTime.format(sheet.at()));
    out.put("contributions", sheet.contributions().stream().map(v -> {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("ruleId", v.contribution().ruleId());
      c.put("ruleName", v.contribution().ruleName());
      c.put("ruleVersion", v.contribution().ruleVersion());
      c.put("axis", v.contribution().axis().name());
      c.put("points", v.contribution().points());
      c.put("value", v.value().toPlainString());
      c.put("eventId", v.contribution().eventId());
      c.put("at", ApiTime.format(v.contribution().at()));
      return c;
    }).toList());
    out.put("history", scoring.days(new LeadId(id), user, 90).stream().map(d -> Map.of("day", d.day().toString(),
        "fit", d.fit(), "engagement", d.engagement(), "total", d.total())).toList());
    return out;
  }
}
