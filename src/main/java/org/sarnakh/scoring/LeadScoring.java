package org.sarnakh.scoring;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadManagement;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.lead.LeadScore;
import org.sarnakh.lead.LifecycleStage;
import org.sarnakh.lead.Money;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.scoring.internal.ScoreLedger;
import org.sarnakh.tracking.EventHistory;
import org.sarnakh.tracking.TrackedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scores leads: applies the active rules to each lead's fields and events, replaces its ledger,
 * stores the rounded score on the lead, and moves it to MQL when it crosses the threshold — once,
 * until it has fallen below the re-arm score again. Safe to repeat: the same facts give the same
 * ledger.
 */
@Service
public class LeadScoring {

  /** Events older than this many half-lives are worth less than 0.01 of a point per 100 points. */
  static final int HALF_LIVES_KEPT = 14;
  static final Actor SCORING = new Actor(null, "Sarnakh scoring", Actor.Channel.SYSTEM);

  private final ScoringRules rules;
  private final ScoringModel model;
  private final ScoreLedger ledger;
  private final LeadQueries leads;
  private final LeadManagement management;
  private final EventHistory events;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final ApplicationEventPublisher publisher;

  LeadScoring(ScoringRules rules, ScoringModel model, ScoreLedger ledger, LeadQueries leads, LeadManagement management,
      EventHistory events, TransactionTemplate tx, Clock clock, ApplicationEventPublisher publisher) {
    this.rules = rules;
    this.model = model;
    this.ledger = ledger;
    this.leads = leads;
    this.management = management;
    this.events = events;
    this.tx = tx;
    this.clock = clock;
    this.publisher = publisher;
  }

  /** Rescores these leads (deleted or unknown ones are left alone); returns how many were scored. */
  public int rescore(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return 0;
    }
    Instant now = ApiTime.truncate(clock.instant());
    List<ScoringRule> active = rules.active();
    ScoreSettings settings = model.settings();
    List<Lead> found = leads.forSystem(ids);
    Map<UUID, List<TrackedEvent>> history = events.ofLeads(ids,
        now.minus(settings.halfLife().multipliedBy(HALF_LIVES_KEPT)));
    Map<UUID, List<Contribution>> ledgers = new LinkedHashMap<>();
    Map<LeadId, LeadScore> scores = new LinkedHashMap<>();
    Map<LeadId, LeadScore> changed = new LinkedHashMap<>();
    for (Lead lead : found) {
      List<Contribution> contributions = ScoreCalculator.contributions(active,
          facts(lead, history.getOrDefault(lead.id().value(), List.of()), now));
      ScoreCalculator.Sheet sheet = ScoreCalculator.value(active, contributions, settings, now);
      ledgers.put(lead.id().value(), contributions);
      LeadScore score = new LeadScore(sheet.rounded(sheet.fit()), sheet.rounded(sheet.engagement()),
          sheet.rounded(sheet.total()));
      scores.put(lead.id(), score);
      if (!score.equals(lead.score())) {
        changed.put(lead.id(), score);
      }
    }
    tx.executeWithoutResult(s -> {
      ledger.replace(ledgers);
      management.scored(changed);
      thresholds(scores, settings, now);
    });
    return found.size();
  }

  /**
   * Crossing the threshold moves the lead to MQL once and tells whoever listens ({@link LeadBecameQualified},
   * in this transaction); it re-arms only below the re-arm score (hysteresis). The crossing itself is a
   * conditional update, so two rescores of one lead racing each other cross it once.
   */
  private void thresholds(Map<LeadId, LeadScore> scores, ScoreSettings settings, Instant now) {
    Map<UUID, ScoreLedger.State> states = ledger.states(scores.keySet().stream().map(LeadId::value).toList());
    List<UUID> rearm = new ArrayList<>();
    Map<UUID, int[]> today = new LinkedHashMap<>();
    // The states read here only say which leads to try: crossing and re-arming are conditional updates.
    scores.forEach((id, score) -> {
      boolean armed = states.getOrDefault(id.value(), new ScoreLedger.State(true)).armed();
      if (armed && score.total() >= settings.mqlThreshold()) {
        java.util.OptionalInt crossing = ledger.cross(id.value(), now);
        if (crossing.isPresent()) {
          management.reachStage(id, LifecycleStage.MQL, SCORING);
          publisher.publishEvent(new LeadBecameQualified(id, score.total(), settings.mqlThreshold(),
              crossing.getAsInt(), now));
        }
      } else if (!armed && score.total() < settings.rearmBelow()) {
        rearm.add(id.value());
      }
      today.put(id.value(), new int[] {score.fit(), score.engagement(), score.total()});
    });
    ledger.rearm(rearm);
    ledger.store(today.keySet(), LocalDate.ofInstant(now, ZoneOffset.UTC), today, now);
  }

  /** A lead's score now, with every contribution and its value, for the caller who may see the lead. */
  public ScoreCalculator.Sheet sheet(LeadId id, CurrentUser user) {
    leads.get(id, user);
    return ScoreCalculator.value(rules.active(), ledger.of(id.value()), model.settings(),
        ApiTime.truncate(clock.instant()));
  }

  /** The grade of a sheet under the configured bands (e.g. {@code A2}); null when no bands are set. */
  public @org.jspecify.annotations.Nullable String grade(ScoreCalculator.Sheet sheet) {
    return model.grades().of(sheet.rounded(sheet.fit()), sheet.rounded(sheet.engagement()));
  }

  public List<ScoreLedger.Day> days(LeadId id, CurrentUser user, int limit) {
    leads.get(id, user);
    return ledger.days(id.value(), limit);
  }

  /** What rules see of a lead: its fields as text by API name (money by amount), and its events. */
  static ScoringRule.Facts facts(Lead lead, List<TrackedEvent> events, Instant now) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    lead.values().forEach((f, v) -> {
      if (f == LeadField.TAGS) {
        fields.put("tags", lead.tags());
      } else if (v instanceof Money m) {
        fields.put(f.apiName() + ".amount", List.of(m.amountString()));
      } else if (f.kind() != LeadField.Kind.CUSTOM) {
        fields.put(f.apiName(), List.of(String.valueOf(v)));
      }
    });
    fields.put("status", List.of(lead.status().name()));
    fields.put("lifecycleStage", List.of(lead.lifecycleStage().name()));
    List<ScoringRule.Event> facts = new ArrayList<>(events.size());
    for (TrackedEvent e : events) {
      facts.add(new ScoringRule.Event(e.eventId(), e.type(), e.path(), e.properties(), e.occurredAt()));
    }
    return new ScoringRule.Facts(fields, facts, lead.updatedAt().isAfter(now) ? now : lead.updatedAt());
  }
}
