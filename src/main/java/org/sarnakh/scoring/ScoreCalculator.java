package org.sarnakh.scoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.text.TextKeys;
import org.sarnakh.scoring.ScoringRule.EventCondition;
import org.sarnakh.scoring.ScoringRule.FieldCondition;

/**
 * Applies rules to a lead (the ledger's contributions), and values a ledger at a moment: decay of
 * engagement, per-rule and per-axis caps, and totals that are the exact sum of the values shown.
 * Pure functions: the same rules, facts and moment always give the same score.
 */
public final class ScoreCalculator {

  /** A contribution with what it is worth at the moment asked: decayed and, where a cap bites, reduced. */
  public record Valued(Contribution contribution, BigDecimal value) {}

  /** A lead's score at a moment: fit, engagement and total, each the exact sum of its contributions' values. */
  public record Sheet(BigDecimal fit, BigDecimal engagement, BigDecimal total, List<Valued> contributions, Instant at) {
    /** The whole-number score lists sort and filter on. */
    public int rounded(BigDecimal v) {
      return v.setScale(0, RoundingMode.HALF_UP).intValueExact();
    }
  }

  static final int SCALE = 2;

  private ScoreCalculator() {}

  /** Everything the rules give this lead, oldest first. */
  public static List<Contribution> contributions(List<ScoringRule> rules, ScoringRule.Facts facts) {
    List<Contribution> out = new ArrayList<>();
    List<ScoringRule.Event> events = facts.events().stream().sorted(Comparator.comparing(ScoringRule.Event::at)
        .thenComparing(ScoringRule.Event::eventId)).toList();
    for (ScoringRule rule : rules) {
      if (rule.condition() instanceof FieldCondition f) {
        if (matches(f, facts.fields().getOrDefault(f.field(), List.of()))) {
          out.add(new Contribution(rule.id(), rule.version(), rule.name(), rule.axis(), rule.points(), null,
              facts.asOf()));
        }
      } else if (rule.condition() instanceof EventCondition e) {
        eventContributions(rule, e, events, out);
      }
    }
    out.sort(Comparator.comparing(Contribution::at).thenComparing(c -> c.ruleId().toString())
        .thenComparing(c -> c.eventId() == null ? "" : c.eventId()));
    return out;
  }

  private static void eventContributions(ScoringRule rule, EventCondition e, List<ScoringRule.Event> events,
      List<Contribution> out) {
    List<ScoringRule.Event> hits = events.stream().filter(ev -> matches(e, ev)).toList();
    if (e.frequency() == null) {
      for (ScoringRule.Event ev : hits) {
        out.add(new Contribution(rule.id(), rule.version(), rule.name(), rule.axis(), rule.points(), ev.eventId(),
            ev.at()));
      }
      return;
    }
    // A frequency rule fires when `count` hits fall within `window`; the hits that made it fire are
    // used up, so eight careers-page visits in a day fire a 4-in-a-day rule twice, not five times.
    int count = e.frequency().count();
    Duration window = e.frequency().window();
    int start = 0;
    for (int i = 0; i < hits.size(); i++) {
      while (Duration.between(hits.get(start).at(), hits.get(i).at()).compareTo(window) > 0) {
        start++;
      }
      if (i - start + 1 >= count) {
        ScoringRule.Event last = hits.get(i);
        out.add(new Contribution(rule.id(), rule.version(), rule.name(), rule.axis(), rule.points(), last.eventId(),
            last.at()));
        start = i + 1;
      }
    }
  }

  static boolean matches(EventCondition c, ScoringRule.Event e) {
    if (!c.types().isEmpty() && !c.types().contains(e.type())) {
      return false;
    }
    if (c.path() != null && (e.path() == null || !c.path().matches(e.path()))) {
      return false;
    }
    for (Map.Entry<String, String> p : c.properties().entrySet()) {
      if (!p.getValue().equalsIgnoreCase(e.properties().getOrDefault(p.getKey(), ""))) {
        return false;
      }
    }
    return true;
  }

  static boolean matches(FieldCondition c, List<String> values) {
    return switch (c.op()) {
      case PRESENT -> !values.isEmpty();
      case ABSENT -> values.isEmpty();
      case EQUALS -> values.stream().anyMatch(v -> c.values().stream().anyMatch(w -> key(w).equals(key(v))));
      case CONTAINS -> values.stream().anyMatch(v -> c.values().stream().anyMatch(w -> key(v).contains(key(w))));
      case AT_LEAST -> values.stream().map(v -> compare(v, c.values())).anyMatch(r -> r != null && r >= 0);
      case AT_MOST -> values.stream().map(v -> compare(v, c.values())).anyMatch(r -> r != null && r <= 0);
    };
  }

  /** The value against the condition's first value as numbers (any digit system); null when either is not one. */
  private static @Nullable Integer compare(String value, List<String> bound) {
    if (bound.isEmpty()) {
      return null;
    }
    try {
      return number(value).compareTo(number(bound.get(0)));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static BigDecimal number(String s) {
    return new BigDecimal(TextKeys.asciiDigits(s.strip()));
  }

  private static String key(String s) {
    return TextKeys.searchKey(s).toLowerCase(Locale.ROOT);
  }

  /**
   * The ledger valued at {@code at}: engagement decays by half every half-life; a rule's cap and an
   * axis's cap reduce the oldest contributions first, so what the lead did lately counts in full;
   * every value has two decimals and the totals are exactly their sums.
   */
  public static Sheet value(List<ScoringRule> rules, List<Contribution> ledger, ScoreSettings settings, Instant at) {
    Map<UUID, Integer> caps = new LinkedHashMap<>();
    for (ScoringRule r : rules) {
      if (r.cap() != null) {
        caps.put(r.id(), Math.abs(r.cap()));
      }
    }
    List<Contribution> oldestFirst = ledger.stream().sorted(Comparator.comparing(Contribution::at)
        .thenComparing(c -> c.ruleId().toString()).thenComparing(c -> c.eventId() == null ? "" : c.eventId())).toList();
    BigDecimal[] values = new BigDecimal[oldestFirst.size()];
    for (int i = 0; i < values.length; i++) {
      Contribution c = oldestFirst.get(i);
      values[i] = c.axis() == Axis.FIT ? BigDecimal.valueOf(c.points()).setScale(SCALE)
          : decayed(c.points(), Duration.between(c.at(), at), settings.halfLife());
    }
    for (Map.Entry<UUID, Integer> cap : caps.entrySet()) {
      limit(oldestFirst, values, c -> c.ruleId().equals(cap.getKey()), cap.getValue());
    }
    if (settings.fitCap() != null) {
      limit(oldestFirst, values, c -> c.axis() == Axis.FIT, settings.fitCap());
    }
    if (settings.engagementCap() != null) {
      limit(oldestFirst, values, c -> c.axis() == Axis.ENGAGEMENT, settings.engagementCap());
    }
    BigDecimal fit = BigDecimal.ZERO.setScale(SCALE);
    BigDecimal engagement = BigDecimal.ZERO.setScale(SCALE);
    List<Valued> valued = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      Contribution c = oldestFirst.get(i);
      valued.add(new Valued(c, values[i]));
      if (c.axis() == Axis.FIT) {
        fit = fit.add(values[i]);
      } else {
        engagement = engagement.add(values[i]);
      }
    }
    return new Sheet(fit, engagement, fit.add(engagement), List.copyOf(valued), at);
  }

  /** Points decayed over {@code age}: points × ½^(age / half-life), two decimals; the future does not grow them. */
  static BigDecimal decayed(int points, Duration age, Duration halfLife) {
    if (age.isNegative() || age.isZero()) {
      return BigDecimal.valueOf(points).setScale(SCALE);
    }
    double halves = (double) age.toMillis() / halfLife.toMillis();
    if (halves > 60) {
      return BigDecimal.ZERO.setScale(SCALE);
    }
    BigDecimal factor = new BigDecimal(Math.pow(0.5, halves), MathContext.DECIMAL64);
    return BigDecimal.valueOf(points).multiply(factor).setScale(SCALE, RoundingMode.HALF_EVEN);
  }

  /**
   * Keeps the sum of the selected values within ±cap by reducing the oldest first: positive ones
   * when the sum is above the cap, negative ones when it is below minus the cap.
   */
  private static void limit(List<Contribution> oldestFirst, BigDecimal[] values,
      java.util.function.Predicate<Contribution> selected, int cap) {
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < values.length; i++) {
      if (selected.test(oldestFirst.get(i))) {
        sum = sum.add(values[i]);
      }
    }
    BigDecimal limit = BigDecimal.valueOf(cap).setScale(SCALE);
    BigDecimal excess = sum.abs().subtract(limit);
    if (excess.signum() <= 0) {
      return;
    }
    int sign = sum.signum();
    for (int i = 0; i < values.length && excess.signum() > 0; i++) {
      if (!selected.test(oldestFirst.get(i)) || values[i].signum() != sign) {
        continue;
      }
      BigDecimal take = values[i].abs().min(excess);
      values[i] = values[i].subtract(take.multiply(BigDecimal.valueOf(sign)));
      excess = excess.subtract(take);
    }
  }
}
