package org.sarnakh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sarnakh.scoring.ScoreCalculator;
import org.sarnakh.scoring.ScoreSettings;
import org.sarnakh.scoring.ScoringRule;
import org.sarnakh.scoring.ScoringRules;
import org.sarnakh.tracking.EventType;

class DemoScoringTest {

  static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

  @Test
  void theStarterRulesAreValidAndAPricingVisitRaisesWhileACareersBingeLowers() {
    List<ScoringRule> rules = ScoringRules.drafts(DemoScoring.starter());
    assertThat(rules).hasSize(DemoScoring.starter().size());
    Map<String, List<String>> cto = Map.of("title", List.of("Group CTO"), "industry", List.of("technology"));
    List<ScoringRule.Event> pricing = List.of(view("/pricing", NOW.minus(Duration.ofHours(2))));
    List<ScoringRule.Event> binge = new ArrayList<>(pricing);
    for (int i = 0; i < 4; i++) {
      binge.add(view("/careers/job-" + i, NOW.minus(Duration.ofMinutes(50 - i))));
    }

    var fitOnly = total(rules, cto, List.of());
    var afterPricing = total(rules, cto, pricing);
    var afterBinge = total(rules, cto, binge);

    assertThat(fitOnly).isEqualByComparingTo("35.00");
    assertThat(afterPricing).isGreaterThan(fitOnly);
    assertThat(afterBinge).isLessThan(afterPricing);
  }

  static ScoringRule.Event view(String path, Instant at) {
    return new ScoringRule.Event("e-" + path + at, EventType.PAGE_VIEW, path, Map.of(), at);
  }

  static java.math.BigDecimal total(List<ScoringRule> rules, Map<String, List<String>> fields, List<ScoringRule.Event> events) {
    var facts = new ScoringRule.Facts(fields, events, NOW);
    return ScoreCalculator.value(rules, ScoreCalculator.contributions(rules, facts), ScoreSettings.DEFAULT, NOW).total();
  }
}
