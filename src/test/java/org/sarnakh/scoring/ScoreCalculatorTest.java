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
import org.junit.jupiter.api.Test;
import org.sarnakh.scoring.ScoringRule.EventCondition;
import org.sarnakh.scoring.ScoringRule.FieldCondition;
import org.sarnakh.scoring.ScoringRule.Frequency;
import org.sarnakh.scoring.ScoringRule.Op;
import org.sarnakh.tracking.EventType;

class ScoreCalculatorTest {

  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  static final ScoreSettings SETTINGS = new ScoreSettings(Duration.ofDays(7), null, null, 100, 80);

  static ScoringRule pageRule(String name, String glob, int points) {
    return new ScoringRule(UUID.randomUUID(), 1, name, Axis.ENGAGEMENT, points, null,
        new EventCondition(Set.of(EventType.PAGE_VIEW), PathGlob.of(glob), Map.of(), null));
  }

  static ScoringRule fieldRule(String field, Op op, int points, String... values) {
    return new ScoringRule(UUID.randomUUID(), 1, field + " " + op, Axis.FIT, points, null,
        new FieldCondition(field, op, List.of(values)));
  }

  static ScoringRule.Event view(String path, Instant at) {
    return new ScoringRule.Event("e-" + UUID.randomUUID(), EventType.PAGE_VIEW, path, Map.of(), at);
  }

  static ScoringRule.Facts facts(Map<String, List<String>> fields, List<ScoringRule.Event> events) {
    return new ScoringRule.Facts(fields, events, NOW.minus(Duration.ofDays(1)));
  }

  static ScoreCalculator.Sheet score(List<ScoringRule> rules, ScoringRule.Facts facts, ScoreSettings settings) {
    return ScoreCalculator.value(rules, ScoreCalculator.contributions(rules, facts), settings, NOW);
  }

  static BigDecimal sumOfValues(ScoreCalculator.Sheet sheet) {
    return sheet.contributions().stream().map(ScoreCalculator.Valued::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void fiveVisitsInTwoDaysOutrankFiveVisitsInFiveMonths() {
    ScoringRule visit = pageRule("any visit", "/**", 10);
    List<ScoringRule.Event> recent = new ArrayList<>();
    List<ScoringRule.Event> spread = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      recent.add(view("/blog/" + i, NOW.minus(Duration.ofHours(10L * i))));
      spread.add(view("/blog/" + i, NOW.minus(Duration.ofDays(30L * i + 1))));
    }

    var hot = score(List.of(visit), facts(Map.of(), recent), SETTINGS);
    var cold = score(List.of(visit), facts(Map.of(), spread), SETTINGS);

    assertThat(hot.total()).isGreaterThan(cold.total());
    assertThat(hot.total()).isGreaterThan(new BigDecimal("40"));
    assertThat(cold.total()).isLessThan(new BigDecimal("10"));
  }

  @Test
  void engagementHalvesEveryHalfLifeAndFitDoesNotDecay() {
    ScoringRule pricing = pageRule("pricing", "/pricing*", 20);
    ScoringRule cto = fieldRule("title", Op.CONTAINS, 15, "CTO");

    var sheet = score(List.of(pricing, cto), facts(Map.of("title", List.of("Group CTO")),
        List.of(view("/pricing", NOW.minus(Duration.ofDays(7))), view("/pricing-enterprise", NOW.minus(Duration.ofDays(14))))),
        SETTINGS);

    assertThat(sheet.fit()).isEqualByComparingTo("15.00");
    assertThat(sheet.engagement()).isEqualByComparingTo("15.00");
    assertThat(sheet.contributions()).extracting(v -> v.value().toPlainString())
        .containsExactlyInAnyOrder("5.00", "10.00", "15.00");
  }

  @Test
  void fourCareersVisitsInADayTakePointsAwayOncePerFourAndSpreadVisitsDoNot() {
    ScoringRule jobSeeker = new ScoringRule(UUID.randomUUID(), 1, "job seeker", Axis.ENGAGEMENT, -30, null,
        new EventCondition(Set.of(EventType.PAGE_VIEW), PathGlob.of("/careers/**"), Map.of(),
            new Frequency(4, Duration.ofDays(1))));
    Instant day = NOW.minus(Duration.ofHours(20));
    List<ScoringRule.Event> binge = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      binge.add(view("/careers/job-" + i, day.plus(Duration.ofMinutes(30L * i))));
    }
    List<ScoringRule.Event> spread = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      spread.add(view("/careers/job-" + i, NOW.minus(Duration.ofDays(2L * i))));
    }

    var binged = ScoreCalculator.contributions(List.of(jobSeeker), facts(Map.of(), binge));
    var patient = ScoreCalculator.contributions(List.of(jobSeeker), facts(Map.of(), spread));

    assertThat(binged).hasSize(2).allSatisfy(c -> assertThat(c.points()).isEqualTo(-30));
    assertThat(binged.get(0).eventId()).isEqualTo(binge.get(3).eventId());
    assertThat(binged.get(1).eventId()).isEqualTo(binge.get(7).eventId());
    assertThat(patient).isEmpty();
  }

  @Test
  void aRulesCapAndAnAxisCapTakeFromTheOldestAndTheTotalIsTheExactSum() {
    ScoringRule visit = new ScoringRule(UUID.randomUUID(), 1, "visits", Axis.ENGAGEMENT, 10, 25,
        new EventCondition(Set.of(), null, Map.of(), null));
    ScoringRule pricing = pageRule("pricing", "/pricing", 30);
    List<ScoringRule.Event> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(view("/p" + i, NOW.minus(Duration.ofMinutes(5L * (5 - i)))));
    }
    events.add(view("/pricing", NOW.minus(Duration.ofMinutes(1))));
    ScoreSettings capped = new ScoreSettings(Duration.ofDays(7), null, 40, 100, 80);

    var sheet = score(List.of(visit, pricing), facts(Map.of(), events), capped);

    assertThat(sheet.engagement()).isEqualByComparingTo("40.00");
    assertThat(sheet.total()).isEqualTo(sumOfValues(sheet));
    var byRule = sheet.contributions().stream().filter(v -> v.contribution().ruleId().equals(visit.id()))
        .map(v -> v.value()).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(byRule).isLessThanOrEqualTo(new BigDecimal("25.00"));
    // The pricing view and the last visit share a moment (their order is the rules' ids): find it by rule.
    var latest = sheet.contributions().stream().filter(v -> v.contribution().ruleId().equals(pricing.id()))
        .findFirst().orElseThrow();
    assertThat(latest.value()).as("the latest touch counts in full").isGreaterThan(new BigDecimal("29.99"));
  }

  @Test
  void negativeRulesLowerTheScoreAndTheirCapLimitsHowFar() {
    ScoringRule competitor = new ScoringRule(UUID.randomUUID(), 1, "competitor domain", Axis.FIT, -50, null,
        new FieldCondition("email", Op.CONTAINS, List.of("@rival.example")));
    ScoringRule students = new ScoringRule(UUID.randomUUID(), 1, "students", Axis.ENGAGEMENT, -5, 8,
        new EventCondition(Set.of(), PathGlob.of("/students/*"), Map.of(), null));

    var sheet = score(List.of(competitor, students), facts(Map.of("email", List.of("ali@rival.example")),
        List.of(view("/students/a", NOW), view("/students/b", NOW), view("/students/c", NOW))), SETTINGS);

    assertThat(sheet.fit()).isEqualByComparingTo("-50.00");
    assertThat(sheet.engagement()).isEqualByComparingTo("-8.00");
    assertThat(sheet.total()).isEqualByComparingTo("-58.00").isEqualTo(sumOfValues(sheet));
  }

  @Test
  void fieldConditionsReadPersianArabicAndNumbersInAnyDigits() {
    assertThat(ScoreCalculator.matches(new FieldCondition("title", Op.CONTAINS, List.of("مدیر")), List.of("مدير فروش")))
        .as("Arabic yeh in the value, Persian in the rule").isTrue();
    assertThat(ScoreCalculator.matches(new FieldCondition("industry", Op.EQUALS, List.of("technology", "finance")),
        List.of("finance"))).isTrue();
    assertThat(ScoreCalculator.matches(new FieldCondition("companySize", Op.AT_LEAST, List.of("50")), List.of("۱۲۰")))
        .isTrue();
    assertThat(ScoreCalculator.matches(new FieldCondition("companySize", Op.AT_MOST, List.of("50")), List.of("120")))
        .isFalse();
    assertThat(ScoreCalculator.matches(new FieldCondition("companySize", Op.AT_LEAST, List.of("50")), List.of("many")))
        .isFalse();
    assertThat(ScoreCalculator.matches(new FieldCondition("tags", Op.PRESENT, List.of()), List.of())).isFalse();
    assertThat(ScoreCalculator.matches(new FieldCondition("tags", Op.ABSENT, List.of()), List.of())).isTrue();
  }

  @Test
  void pathGlobsMatchOneSegmentOrManyIgnoringCaseAndATrailingSlash() {
    assertThat(PathGlob.of("/pricing*").matches("/pricing")).isTrue();
    assertThat(PathGlob.of("/pricing*").matches("/pricing-enterprise")).isTrue();
    assertThat(PathGlob.of("/pricing*").matches("/pricing/enterprise")).isFalse();
    assertThat(PathGlob.of("/careers/**").matches("/Careers/jobs/42")).isTrue();
    assertThat(PathGlob.of("/careers/**").matches("/careersx")).isFalse();
    assertThat(PathGlob.of("/demo").matches("/demo/")).isTrue();
    assertThat(PathGlob.of("/a.b").matches("/aXb")).as("dots are literal").isFalse();
  }

  @Test
  void theFutureDoesNotGrowPointsAndVeryOldEventsAreWorthNothing() {
    assertThat(ScoreCalculator.decayed(10, Duration.ofDays(-3), Duration.ofDays(7))).isEqualByComparingTo("10.00");
    assertThat(ScoreCalculator.decayed(10, Duration.ofDays(7 * 70), Duration.ofDays(7))).isEqualByComparingTo("0.00");
    assertThat(ScoreCalculator.decayed(-10, Duration.ofDays(7), Duration.ofDays(7))).isEqualByComparingTo("-5.00");
  }
}
