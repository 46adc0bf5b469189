package org.sarnakh.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.lead.LeadQuery;
import org.sarnakh.lead.LeadStatus;
import org.sarnakh.tracking.EventHistory;
import org.sarnakh.tracking.TrackedEvent;
import org.springframework.stereotype.Service;

/**
 * Scores decided leads (converted or lost) with a draft rule set as they stood when they were
 * decided — only events from before the outcome count, so the outcome cannot leak into the score —
 * and reports how well the scores separate the won from the lost: the area under the ROC curve,
 * conversion by score decile, and the threshold that separates them best. Nothing is written.
 */
@Service
public class Backtest {

  public static final int DEFAULT_LEADS = 20_000;
  public static final int MOST_LEADS = 200_000;
  static final int PAGE = 500;

  /** One tenth of the scored leads, best scores first. */
  public record Decile(int decile, int leads, int converted, BigDecimal conversionRate, BigDecimal minScore,
      BigDecimal maxScore) {}

  /**
   * The outcome: how many leads of each kind were scored, the AUC (0.5 is chance, 1 perfect; null
   * when either kind is missing), the deciles, and the score at or above which a lead is most
   * likely won rather than lost (Youden's J).
   */
  public record Result(int scored, int converted, int dead, @Nullable BigDecimal auc, List<Decile> deciles,
      @Nullable BigDecimal bestThreshold, BigDecimal conversionRate) {}

  record Scored(BigDecimal score, boolean converted) {}

  private final LeadQueries leads;
  private final EventHistory events;
  private final ScoringRules rules;
  private final ScoringModel model;

  Backtest(LeadQueries leads, EventHistory events, ScoringRules rules, ScoringModel model) {
    this.leads = leads;
    this.events = events;
    this.rules = rules;
    this.model = model;
  }

  /**
   * Runs the draft ({@code null}: the active rules) over the most recently decided leads the user
   * may see among those the list filters select (their status filter is replaced by converted or lost).
   */
  public Result run(@Nullable List<ScoringRule> draft, LeadQuery.Filters among, int most, CurrentUser user) {
    List<ScoringRule> applied = draft == null ? rules.active() : draft;
    ScoreSettings settings = model.settings();
    LeadQuery.Filters decided = among.withStatus(EnumSet.of(LeadStatus.CONVERTED, LeadStatus.DEAD)).withDeleted(false);
    LeadQuery.Sort newest = new LeadQuery.Sort(LeadQuery.SortKey.updatedAt, true);
    List<Scored> scored = new ArrayList<>();
    LeadQuery.Cursor after = null;
    String cursor;
    do {
      LeadQueries.Page page = leads.list(new LeadQuery(decided, newest, Math.min(PAGE, most - scored.size()), after),
          user);
      score(page.items(), applied, settings, scored);
      cursor = page.nextCursor();
      after = cursor == null || page.items().isEmpty() ? null : new LeadQuery.Cursor(
          page.items().get(page.items().size() - 1).updatedAt().toString(), page.items().get(page.items().size() - 1).id().value());
    } while (cursor != null && scored.size() < most);
    return evaluate(scored);
  }

  private void score(List<Lead> page, List<ScoringRule> applied, ScoreSettings settings, List<Scored> out) {
    if (page.isEmpty()) {
      return;
    }
    Map<UUID, Instant> decided = decidedAt(page);
    Instant earliest = decided.values().stream().min(Comparator.naturalOrder()).orElseThrow();
    Map<UUID, List<TrackedEvent>> history = events.ofLeads(page.stream().map(l -> l.id().value()).toList(),
        earliest.minus(settings.halfLife().multipliedBy(LeadScoring.HALF_LIVES_KEPT)));
    for (Lead lead : page) {
      Instant at = decided.get(lead.id().value());
      List<TrackedEvent> before = history.getOrDefault(lead.id().value(), List.of()).stream()
          .filter(e -> e.occurredAt().isBefore(at)).toList();
      ScoreCalculator.Sheet sheet = ScoreCalculator.value(applied,
          ScoreCalculator.contributions(applied, LeadScoring.facts(lead, before, at)), settings, at);
      out.add(new Scored(sheet.total(), lead.status() == LeadStatus.CONVERTED));
    }
  }

  /**
   * When each outcome was known: the conversion, or when the lead was marked lost (from its change
   * log, so later edits of a lost lead do not let later events count).
   */
  private Map<UUID, Instant> decidedAt(List<Lead> page) {
    Map<UUID, Instant> since = leads.statusSince(page);
    Map<UUID, Instant> out = new java.util.HashMap<>();
    for (Lead lead : page) {
      out.put(lead.id().value(), lead.convertedAt() != null ? lead.convertedAt() : since.get(lead.id().value()));
    }
    return out;
  }

  static Result evaluate(List<Scored> scored) {
    int converted = (int) scored.stream().filter(Scored::converted).count();
    int dead = scored.size() - converted;
    List<Scored> best = scored.stream().sorted(Comparator.comparing(Scored::score).reversed()).toList();
    return new Result(scored.size(), converted, dead, auc(best, converted, dead), deciles(best),
        bestThreshold(best, converted, dead), rate(converted, scored.size()));
  }

  /**
   * The probability that a random won lead outscores a random lost one (ties count half): the
   * Mann–Whitney statistic, computed over the leads sorted best first.
   */
  static @Nullable BigDecimal auc(List<Scored> bestFirst, int converted, int dead) {
    if (converted == 0 || dead == 0) {
      return null;
    }
    double wins = 0;
    int deadBelow = dead;
    for (int i = 0; i < bestFirst.size(); ) {
      int j = i;
      int wonHere = 0;
      int deadHere = 0;
      while (j < bestFirst.size() && bestFirst.get(j).score().compareTo(bestFirst.get(i).score()) == 0) {
        if (bestFirst.get(j).converted()) {
          wonHere++;
        } else {
          deadHere++;
        }
        j++;
      }
      deadBelow -= deadHere;
      wins += wonHere * (deadBelow + deadHere / 2.0);
      i = j;
    }
    return BigDecimal.valueOf(wins / ((double) converted * dead)).setScale(4, RoundingMode.HALF_EVEN);
  }

  static List<Decile> deciles(List<Scored> bestFirst) {
    List<Decile> out = new ArrayList<>();
    int n = bestFirst.size();
    for (int d = 0; d < 10 && n > 0; d++) {
      int from = (int) ((long) n * d / 10);
      int to = (int) ((long) n * (d + 1) / 10);
      if (from == to) {
        continue;
      }
      List<Scored> slice = bestFirst.subList(from, to);
      int won = (int) slice.stream().filter(Scored::converted).count();
      out.add(new Decile(d + 1, slice.size(), won, rate(won, slice.size()), slice.get(slice.size() - 1).score(),
          slice.get(0).score()));
    }
    return out;
  }

  /** The score that maximises true-positive rate minus false-positive rate when leads at or above it are called won. */
  static @Nullable BigDecimal bestThreshold(List<Scored> bestFirst, int converted, int dead) {
    if (converted == 0 || dead == 0) {
      return null;
    }
    double bestJ = -1;
    BigDecimal best = null;
    int won = 0;
    int lost = 0;
    for (int i = 0; i < bestFirst.size(); i++) {
      if (bestFirst.get(i).converted()) {
        won++;
      } else {
        lost++;
      }
      boolean lastOfScore = i + 1 == bestFirst.size()
          || bestFirst.get(i + 1).score().compareTo(bestFirst.get(i).score()) != 0;
      if (lastOfScore) {
        double j = (double) won / converted - (double) lost / dead;
        if (j > bestJ) {
          bestJ = j;
          best = bestFirst.get(i).score();
        }
      }
    }
    return best;
  }

  private static BigDecimal rate(int part, int whole) {
    return whole == 0 ? BigDecimal.ZERO.setScale(4)
        : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
  }
}
