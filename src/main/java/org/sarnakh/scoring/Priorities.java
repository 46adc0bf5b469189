package org.sarnakh.scoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.lead.LeadQuery;
import org.sarnakh.lead.LeadStatus;
import org.sarnakh.scoring.internal.ScoreLedger;
import org.springframework.stereotype.Service;

/**
 * A rep's day (S1.6): their open leads ranked by score plus what they did in the last days, so a
 * lead that just came back to the pricing page rises above one that scored the same long ago;
 * each with the reasons, in the rules' own words.
 */
@Service
public class Priorities {

  /** The freshest behaviour counts again on top of the score: this is how far back "recent" looks. */
  public static final Duration RECENT = Duration.ofDays(3);
  /** How many of the best-scored open leads are considered before re-ranking by recent intent. */
  static final int CANDIDATES = 300;
  static final int MAX_REASONS = 3;

  static final EnumSet<LeadStatus> OPEN = EnumSet.of(LeadStatus.NEW, LeadStatus.ASSIGNED, LeadStatus.IN_PROCESS,
      LeadStatus.RECYCLED);

  /** Why a lead is on the list: a rule that counted lately, how often, for how many points. */
  public record Reason(String rule, int count, int points) {}

  /** One line of the list: the lead, its score and grade, the recent engagement on top, and why. */
  public record Priority(Lead lead, int score, @Nullable String grade, int recentIntent, int rank, List<Reason> reasons) {}

  private final LeadQueries leads;
  private final ScoreLedger ledger;
  private final ScoringModel model;
  private final Clock clock;

  Priorities(LeadQueries leads, ScoreLedger ledger, ScoringModel model, Clock clock) {
    this.leads = leads;
    this.ledger = ledger;
    this.model = model;
    this.clock = clock;
  }

  /** The caller's own open leads, best first, at most {@code limit}. */
  public List<Priority> of(CurrentUser user, int limit) {
    return rank(user, "me", limit);
  }

  /** Another user's list, as their manager sees it (only leads the manager may see). */
  public List<Priority> ofOwner(CurrentUser viewer, UUID owner, int limit) {
    return rank(viewer, owner.toString(), limit);
  }

  private List<Priority> rank(CurrentUser viewer, String owner, int limit) {
    LeadQuery.Filters mine = LeadQuery.Filters.none().withStatus(OPEN).withOwner(owner);
    List<Lead> candidates = leads.list(new LeadQuery(mine, new LeadQuery.Sort(LeadQuery.SortKey.score, true),
        CANDIDATES, null), viewer).items();
    Map<UUID, List<ScoreLedger.Recent>> recent = new LinkedHashMap<>();
    for (ScoreLedger.Recent r : ledger.recentEngagement(candidates.stream().map(l -> l.id().value()).toList(),
        clock.instant().minus(RECENT))) {
      recent.computeIfAbsent(r.lead(), k -> new ArrayList<>()).add(r);
    }
    Grades grades = model.grades();
    List<Priority> ranked = new ArrayList<>(candidates.size());
    for (Lead lead : candidates) {
      List<ScoreLedger.Recent> lately = recent.getOrDefault(lead.id().value(), List.of());
      int intent = Math.max(0, lately.stream().mapToInt(ScoreLedger.Recent::points).sum());
      List<Reason> reasons = lately.stream().filter(r -> r.points() > 0).limit(MAX_REASONS)
          .map(r -> new Reason(r.rule(), r.count(), r.points())).toList();
      ranked.add(new Priority(lead, lead.score().total(),
          grades.of(lead.score().fit(), lead.score().engagement()), intent, lead.score().total() + intent, reasons));
    }
    ranked.sort(Comparator.comparingInt(Priority::rank).reversed()
        .thenComparing(p -> p.lead().updatedAt(), Comparator.reverseOrder())
        .thenComparing(p -> p.lead().id().value()));
    return List.copyOf(ranked.subList(0, Math.min(limit, ranked.size())));
  }
}
