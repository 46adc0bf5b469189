package org.sarnakh.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.sarnakh.scoring.ScoringRule.EventCondition;
import org.sarnakh.tracking.EventType;

/** Whatever the rules, events, caps and moment: the totals are the exact sums of the values shown, within every cap. */
class ScoreLedgerPropertiesTest {

  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @Property(tries = 500)
  void totalsAreExactSumsAndCapsHold(@ForAll @Size(max = 6) List<@IntRange(min = -50, max = 50) Integer> points,
      @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 60) Integer> caps,
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 400) Integer> ageHours,
      @ForAll @IntRange(min = 1, max = 90) int halfLifeDays, @ForAll @IntRange(min = 0, max = 100) int axisCap) {
    List<ScoringRule> rules = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      Integer cap = i < caps.size() && caps.get(i) > 0 ? caps.get(i) : null;
      rules.add(new ScoringRule(UUID.randomUUID(), 1, "r" + i, Axis.ENGAGEMENT, points.get(i), cap,
          new EventCondition(Set.of(EventType.PAGE_VIEW), i % 2 == 0 ? null : PathGlob.of("/p/**"), Map.of(), null)));
    }
    List<ScoringRule.Event> events = new ArrayList<>();
    for (int i = 0; i < ageHours.size(); i++) {
      events.add(new ScoringRule.Event("e" + i, EventType.PAGE_VIEW, i % 3 == 0 ? "/p/" + i : "/x",
          Map.of(), NOW.minus(Duration.ofHours(ageHours.get(i)))));
    }
    ScoreSettings settings = new ScoreSettings(Duration.ofDays(halfLifeDays), null, axisCap == 0 ? null : axisCap, 100, 80);

    var ledger = ScoreCalculator.contributions(rules, new ScoringRule.Facts(Map.of(), events, NOW));
    var sheet = ScoreCalculator.value(rules, ledger, settings, NOW);

    BigDecimal sum = sheet.contributions().stream().map(ScoreCalculator.Valued::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(sheet.total()).isEqualByComparingTo(sum);
    assertThat(sheet.total()).isEqualByComparingTo(sheet.fit().add(sheet.engagement()));
    assertThat(sheet.contributions()).allSatisfy(v -> assertThat(v.value().scale()).isEqualTo(2));
    for (ScoringRule r : rules) {
      if (r.cap() != null) {
        BigDecimal ofRule = sheet.contributions().stream().filter(v -> v.contribution().ruleId().equals(r.id()))
            .map(ScoreCalculator.Valued::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(ofRule.abs()).isLessThanOrEqualTo(BigDecimal.valueOf(r.cap()));
      }
    }
    if (settings.engagementCap() != null) {
      assertThat(sheet.engagement().abs()).isLessThanOrEqualTo(BigDecimal.valueOf(settings.engagementCap()));
    }
  }
}
