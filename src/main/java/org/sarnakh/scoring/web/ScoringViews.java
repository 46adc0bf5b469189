package org.sarnakh.scoring.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.Lead;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.scoring.Backtest;
import org.sarnakh.scoring.Priorities;
import org.sarnakh.scoring.ScoringReport;

/** The JSON shapes of priorities, the managers' report and backtests, shared by the API and the pages' charts. */
final class ScoringViews {

  static final Duration LONGEST_PERIOD = Duration.ofDays(92);

  record Period(Instant from, Instant to) {}

  private ScoringViews() {}

  /** {@code from}/{@code to} as ISO instants; by default the 24 hours up to now; at most 92 days. */
  static Period period(@Nullable String from, @Nullable String to, Clock clock) {
    Instant end = to == null ? clock.instant() : instant(to, "to");
    Instant start = from == null ? end.minus(Duration.ofDays(1)) : instant(from, "from");
    if (!start.isBefore(end)) {
      throw InvalidInput.of("from", "before to");
    }
    if (Duration.between(start, end).compareTo(LONGEST_PERIOD) > 0) {
      throw InvalidInput.of("from", "at most 92 days before to");
    }
    return new Period(start, end);
  }

  private static Instant instant(String value, String field) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw InvalidInput.of(field, "an ISO-8601 instant such as 2026-11-23T08:15:00Z");
    }
  }

  /** A rule's condition in one line for the rules table, e.g. {@code industry EQUALS tech} or {@code PAGE_VIEW /pricing* ×4 in P1D}. */
  static String summary(org.sarnakh.scoring.ScoringRule rule) {
    if (rule.condition() instanceof org.sarnakh.scoring.ScoringRule.FieldCondition f) {
      return f.field() + " " + f.op().name() + (f.values().isEmpty() ? "" : " " + String.join(", ", f.values()));
    }
    var e = (org.sarnakh.scoring.ScoringRule.EventCondition) rule.condition();
    StringBuilder s = new StringBuilder(e.types().isEmpty() ? "*" : String.join("|", e.types().stream().map(Enum::name)
        .sorted().toList()));
    if (e.path() != null) {
      s.append(' ').append(e.path().glob());
    }
    e.properties().forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
    if (e.frequency() != null) {
      s.append(" ×").append(e.frequency().count()).append(" / ").append(e.frequency().window());
    }
    return s.toString();
  }

  static Map<String, Object> lead(Lead l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", l.id().value());
    m.put("name", l.displayName());
    m.put("accountName", l.text(org.sarnakh.lead.LeadField.ACCOUNT_NAME));
    m.put("status", l.status().name());
    m.put("lifecycleStage", l.lifecycleStage().name());
    m.put("ownerId", l.ownerId());
    m.put("score", l.score().total());
    return m;
  }

  static Map<String, Object> priority(Priorities.Priority p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lead", lead(p.lead()));
    m.put("score", p.score());
    m.put("grade", p.grade());
    m.put("recentIntent", p.recentIntent());
    m.put("rank", p.rank());
    m.put("reasons", p.reasons().stream().map(r -> Map.of("rule", r.rule(), "count", r.count(), "points", r.points()))
        .toList());
    return m;
  }

  static Map<String, Object> report(ScoringReport.Report r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", ApiTime.format(r.from()));
    m.put("to", ApiTime.format(r.to()));
    m.put("newMqls", r.newMqls());
    m.put("newMqlsAtLeast", r.newMqlsAtLeast());
    m.put("mqls", r.mqls().stream().map(q -> {
      Map<String, Object> e = new LinkedHashMap<>(lead(q.lead()));
      e.put("crossedAt", ApiTime.format(q.crossedAt()));
      return e;
    }).toList());
    m.put("risers", r.risers().stream().map(ScoringViews::mover).toList());
    m.put("fallers", r.fallers().stream().map(ScoringViews::mover).toList());
    m.put("distribution", r.distribution().entrySet().stream().map(e -> Map.of("from", e.getKey(), "to",
        e.getKey() + r.bandWidth() - 1, "leads", e.getValue())).toList());
    return m;
  }

  private static Map<String, Object> mover(ScoringReport.Mover v) {
    Map<String, Object> e = new LinkedHashMap<>(lead(v.lead()));
    e.put("before", v.before());
    e.put("now", v.now());
    e.put("delta", v.delta());
    return e;
  }

  /** Conversion rate per score decile, before and after a draft, as the pages' bar charts take it. */
  static String decileBars(Backtest.Result before, Backtest.Result after) {
    // Both runs score the same leads, so their deciles are the same ones (fewer than ten for a small sample).
    List<String> labels = after.deciles().stream().map(d -> String.valueOf(d.decile())).toList();
    return bars(labels, List.of(percentages(before), percentages(after)));
  }

  private static List<Double> percentages(Backtest.Result r) {
    return r.deciles().stream().map(d -> d.conversionRate().doubleValue() * 100).toList();
  }

  /** {@code {"labels": […], "series": [[…], …]}}: what {@code canvas[data-bars]} in sarnakh.js draws. */
  static String bars(List<String> labels, List<? extends List<? extends Number>> series) {
    return JSON.writeValueAsString(Map.of("labels", labels, "series", series));
  }

  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  static Map<String, Object> backtest(Backtest.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scored", r.scored());
    m.put("converted", r.converted());
    m.put("dead", r.dead());
    m.put("conversionRate", r.conversionRate().toPlainString());
    m.put("auc", r.auc() == null ? null : r.auc().toPlainString());
    m.put("bestThreshold", r.bestThreshold() == null ? null : r.bestThreshold().toPlainString());
    List<Map<String, Object>> deciles = r.deciles().stream().map(d -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("decile", d.decile());
      e.put("leads", d.leads());
      e.put("converted", d.converted());
      e.put("conversionRate", d.conversionRate().toPlainString());
      e.put("minScore", d.minScore().toPlainString());
      e.put("maxScore", d.maxScore().toPlainString());
      return e;
    }).toList();
    m.put("deciles", deciles);
    return m;
  }
}
