package org.sarnakh.routing.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadAssignments;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.lead.LeadStatus;
import org.sarnakh.lead.Money;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.routing.Assignment;
import org.sarnakh.routing.Assignment.Outcome;
import org.sarnakh.routing.Cause;
import org.sarnakh.routing.RoutingRule;
import org.sarnakh.routing.RoutingRules;
import org.sarnakh.routing.Strategy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes a batch of leads in the caller's transaction with a fixed number of statements whatever
 * the batch size: the leads, the rules' rows (locked, in id order), the pools' users with their
 * capacity, absences and counters, then one batched write each for the leads, their change log,
 * the assignments, the counters and the pointers. The rules' locks make concurrent routers over
 * one rule take turns, so rotation stays exact; routers over different rules run side by side.
 */
@Component
public class RoutingEngine {

  /** A lead to route, why, and whom it must not go to. */
  public record Request(LeadId lead, Cause cause, Set<UUID> excluded, @Nullable UUID toUser) {
    public static Request of(LeadId lead, Cause cause, @Nullable UUID excluded) {
      return new Request(lead, cause, excluded == null ? Set.of() : Set.of(excluded), null);
    }
  }

  static final JsonMapper JSON = JsonMapper.builder().build();
  /** Weight of the team's rate in a rep's smoothed fit: as if each rep had this many more similar leads at the team's rate. */
  static final double PRIOR_LEADS = 10;
  private static final int[] SIZE_BANDS = {1, 11, 51, 201, 1001};

  private final RoutingStore store;
  private final HandoffStore handoffs;
  private final RoutingRules rules;
  private final LeadQueries leads;
  private final LeadAssignments assignments;
  private final Clock clock;
  private final int maxReassignments;

  RoutingEngine(RoutingStore store, HandoffStore handoffs, RoutingRules rules, LeadQueries leads,
      LeadAssignments assignments, Clock clock,
      @org.springframework.beans.factory.annotation.Value("${sarnakh.routing.max-reassignments:2}") int maxReassignments) {
    this.store = store;
    this.handoffs = handoffs;
    this.rules = rules;
    this.leads = leads;
    this.assignments = assignments;
    this.clock = clock;
    this.maxReassignments = maxReassignments;
  }

  /** What routing decided for one lead: the explained assignment, and the owner or team it should go to (if that changes). */
  public record Decision(Request request, Lead lead, Assignment assignment, boolean handover) {}

  /** Routes and hands over in the caller's transaction (on demand, one lead or a few). */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Assignment> route(List<Request> requests, Actor actor) {
    List<Decision> decisions = decide(requests, actor);
    assignments.assign(decisions.stream().filter(Decision::handover)
        .map(d -> new LeadAssignments.Handover(d.lead(), d.assignment().ownerId(), d.assignment().teamId())).toList(),
        actor, clock.instant());
    return decisions.stream().map(Decision::assignment).toList();
  }

  /**
   * Hands decided leads over (the second step of queued routing): each goes to its decided owner
   * or team unless it was converted, killed or deleted meanwhile.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void handOver(List<RoutingStore.Decided> decided, Actor actor) {
    Map<UUID, RoutingStore.Decided> byLead = new HashMap<>();
    decided.forEach(d -> byLead.put(d.lead().value(), d));
    List<LeadAssignments.Handover> handovers = new ArrayList<>();
    for (Lead lead : leads.forSystem(byLead.keySet())) {
      RoutingStore.Decided d = byLead.get(lead.id().value());
      if (lead.status() != LeadStatus.CONVERTED && lead.status() != LeadStatus.DEAD
          && changes(lead, d.owner(), d.team())) {
        handovers.add(new LeadAssignments.Handover(lead, d.owner(), d.team()));
      }
    }
    assignments.assign(handovers, actor, clock.instant());
  }

  private static boolean changes(Lead lead, @Nullable UUID owner, @Nullable UUID team) {
    return !java.util.Objects.equals(owner, lead.ownerId()) || team != null && !team.equals(lead.teamId());
  }

  /**
   * Decides where each lead goes and records it (pointers, counters, turns and the explained
   * assignment) without touching the leads; leads gone, converted or dead, or (for automatic
   * causes) owned meanwhile are left out.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Decision> decide(List<Request> requests, Actor actor) {
    Instant now = ApiTime.truncate(clock.instant());
    RoutingRules.Defaults defaults = rules.defaults();
    List<RoutingRule> active = rules.active(defaults.rulesVersion());
    Map<UUID, Lead> byId = new HashMap<>();
    leads.forSystem(requests.stream().map(r -> r.lead().value()).toList()).forEach(l -> byId.put(l.id().value(), l));
    record Plan(Request request, Lead lead, List<RoutingRule> matching, boolean bounded) {}
    List<Plan> plans = new ArrayList<>();
    Set<UUID> ruleIds = new TreeSet<>();
    Map<UUID, Integer> previous = handoffs.reassignments(requests.stream()
        .filter(r -> r.cause() == Cause.SLA_BREACHED || r.cause() == Cause.REJECTED).map(r -> r.lead().value()).toList());
    for (Request r : requests) {
      Lead lead = byId.get(r.lead().value());
      if (lead == null || !routable(lead, r.cause())) {
        continue;
      }
      // Escalation is bounded: after so many missed first touches the lead goes to the default owner or queue.
      boolean bounded = r.cause() == Cause.SLA_BREACHED && previous.getOrDefault(r.lead().value(), 0) >= maxReassignments;
      List<RoutingRule> matching = r.toUser() != null || bounded ? List.of()
          : active.stream().filter(x -> x.matches(lead)).toList();
      matching.forEach(x -> ruleIds.add(x.id()));
      plans.add(new Plan(r, lead, matching, bounded));
    }
    if (plans.isEmpty()) {
      return List.of();
    }
    // Everything that needs no rule lock is read first, so routers hold the rules' locks briefly;
    // the counters of capped reps are locked here, always before the rules, in one order.
    Map<UUID, RoutingRule> involved = new LinkedHashMap<>();
    active.stream().filter(x -> ruleIds.contains(x.id())).forEach(x -> involved.put(x.id(), x));
    Map<UUID, List<UUID>> teams = store.teamMembers(involved.values().stream().map(RoutingRule::poolTeam)
        .filter(t -> t != null).toList());
    Map<UUID, List<UUID>> members = new HashMap<>();
    Set<UUID> everyone = new LinkedHashSet<>();
    involved.values().forEach(rule -> {
      List<UUID> m = rule.poolTeam() != null ? teams.getOrDefault(rule.poolTeam(), List.of())
          : rule.poolUsers().stream().map(RoutingRule.Member::userId).toList();
      members.put(rule.id(), m);
      everyone.addAll(m);
    });
    if (defaults.ownerId() != null) {
      everyone.add(defaults.ownerId());
    }
    plans.forEach(p -> {
      if (p.request().toUser() != null) {
        everyone.add(p.request().toUser());
      }
    });
    Map<UUID, Rep> reps = store.reps(everyone, now);
    Set<UUID> loaded = new LinkedHashSet<>();
    involved.values().stream().filter(x -> x.strategy() == Strategy.LEAST_LOADED).forEach(x -> loaded.addAll(members.get(x.id())));
    Map<UUID, Integer> openLoads = store.openLoads(loaded);
    Map<UUID, @Nullable UUID> pointers = store.lockRules(ruleIds);
    Set<UUID> weighted = new TreeSet<>();
    involved.values().stream().filter(x -> x.strategy() == Strategy.WEIGHTED).forEach(x -> weighted.add(x.id()));
    Map<UUID, Map<UUID, Long>> turnsBefore = store.turns(weighted);
    Picker.State state = new Picker.State(pointers, turnsBefore, openLoads);

    List<Decision> decisions = new ArrayList<>();
    Map<RoutingStore.TallyKey, Integer> tallies = new HashMap<>();
    for (Plan p : plans) {
      Assignment a = routeOne(p.request(), p.lead(), p.matching(), p.bounded(), members, reps, state, defaults, now,
          actor);
      decisions.add(new Decision(p.request(), p.lead(), a,
          a.outcome() != Outcome.UNROUTED && changes(p.lead(), a.ownerId(), a.teamId())));
      if (a.ownerId() != null) {
        Rep rep = reps.get(a.ownerId());
        if (rep != null) {
          tallies.merge(new RoutingStore.TallyKey(rep.id(), rep.dayKey(now)), 1, Integer::sum);
          tallies.merge(new RoutingStore.TallyKey(rep.id(), rep.monthKey(now)), 1, Integer::sum);
        }
      }
    }
    store.addTallies(tallies);
    Map<UUID, UUID> moved = new HashMap<>();
    state.lastUser().forEach((rule, user) -> {
      if (user != null && !user.equals(pointers.get(rule)) && involved.containsKey(rule)) {
        moved.put(rule, user);
      }
    });
    store.movePointers(moved);
    Map<UUID, Map<UUID, Long>> turnsAfter = new HashMap<>();
    state.turns().forEach((rule, t) -> {
      if (weighted.contains(rule)) {
        turnsAfter.put(rule, t);
      }
    });
    store.saveTurns(turnsBefore, turnsAfter);
    var rows = new ArrayList<org.sarnakh.platform.db.tables.records.RoutingAssignmentRecord>(decisions.size());
    for (Decision d : decisions) {
      Assignment a = d.assignment();
      rows.add(store.newAssignment().setLeadId(a.leadId()).setAt(a.at()).setCause(a.cause().name())
          .setOutcome(a.outcome().name()).setRuleId(a.ruleId()).setRuleName(a.ruleName())
          .setStrategy(a.strategy() == null ? null : a.strategy().name()).setOwnerId(a.ownerId()).setTeamId(a.teamId())
          .setActorName(a.actorName()).setExplanation(clip(a.explanation())));
    }
    store.saveAssignments(rows);
    openHandoffs(decisions, involved, reps, previous, now);
    return decisions;
  }

  /**
   * Each lead handed to a rep waits for them to accept, reject or touch it; a rule's first-touch
   * time counts in the rep's working hours, and the reminder comes at four fifths of it.
   */
  private void openHandoffs(List<Decision> decisions, Map<UUID, RoutingRule> involved, Map<UUID, Rep> reps,
      Map<UUID, Integer> previous, Instant now) {
    List<UUID> replaced = new ArrayList<>();
    var opened = new ArrayList<org.sarnakh.platform.db.tables.records.RoutingHandoffRecord>();
    for (Decision d : decisions) {
      if (!d.handover()) {
        continue;
      }
      Assignment a = d.assignment();
      replaced.add(a.leadId());
      if (a.ownerId() == null) {
        continue;
      }
      RoutingRule rule = a.ruleId() == null ? null : involved.get(a.ruleId());
      Integer sla = rule == null ? null : rule.slaMinutes();
      Rep rep = reps.getOrDefault(a.ownerId(), Rep.unknown(a.ownerId()));
      int before = previous.getOrDefault(a.leadId(), 0);
      int count = a.cause() == Cause.SLA_BREACHED ? before + 1 : a.cause() == Cause.REJECTED ? before : 0;
      opened.add(handoffs.newRow().setLeadId(a.leadId()).setOwnerId(a.ownerId()).setRuleId(a.ruleId())
          .setAssignedAt(now).setDueAt(sla == null ? null : working(rep, now, sla * 60L))
          .setRemindAt(sla == null ? null : working(rep, now, sla * 48L)).setState(HandoffStore.PENDING)
          .setReassignments(count).setNotified(false).setReminded(false));
    }
    handoffs.replace(replaced, opened);
  }

  private static Instant working(Rep rep, Instant from, long seconds) {
    var hours = rep.capacity().workingHours();
    java.time.Duration d = java.time.Duration.ofSeconds(seconds);
    return ApiTime.truncate(hours == null ? from.plus(d) : hours.plusWorking(from, d, rep.zone()));
  }

  private static boolean routable(Lead lead, Cause cause) {
    if (lead.deletedAt() != null || lead.status() == LeadStatus.CONVERTED || lead.status() == LeadStatus.DEAD) {
      return false;
    }
    // A lead that got an owner while it waited in the queue keeps them.
    return !(cause == Cause.CREATED && lead.ownerId() != null);
  }

  private Assignment routeOne(Request request, Lead lead, List<RoutingRule> matching, boolean bounded,
      Map<UUID, List<UUID>> members,
      Map<UUID, Rep> reps, Picker.State state, RoutingRules.Defaults defaults, Instant now, Actor actor) {
    Map<String, Object> why = new LinkedHashMap<>();
    why.put("cause", request.cause().name());
    if (!request.excluded().isEmpty()) {
      why.put("excluded", request.excluded().stream().map(UUID::toString).toList());
    }
    if (request.toUser() != null) {
      Rep rep = reps.getOrDefault(request.toUser(), Rep.unknown(request.toUser()));
      why.put("summary", "handed to " + rep.name() + " by " + actor.name());
      state.assignedByDefault(rep.id());
      return new Assignment(lead.id().value(), now, request.cause(), Outcome.ASSIGNED, null, null, null, rep.id(), null,
          actor.name(), why);
    }
    List<Map<String, Object>> tried = new ArrayList<>();
    why.put("rules", tried);
    for (RoutingRule rule : matching) {
      List<UUID> pool = members.getOrDefault(rule.id(), List.of());
      Picker.Choice choice = Picker.pick(rule, pool, reps, state, now, request.excluded(),
          rule.strategy() == Strategy.BEST_FIT ? fits(lead, pool) : u -> new Picker.Fit(0, 0, 0));
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("ruleId", rule.id().toString());
      t.put("name", rule.name());
      t.put("strategy", rule.strategy().name());
      t.put("result", choice.chosen() != null ? "ASSIGNED" : pool.isEmpty() ? "EMPTY_POOL" : "NO_ONE_AVAILABLE");
      t.put("candidates", choice.candidates().stream().map(RoutingEngine::candidate).toList());
      tried.add(t);
      if (choice.chosen() != null) {
        Rep rep = reps.get(choice.chosen());
        long skipped = choice.candidates().stream().filter(c -> c.outcome().equals("SKIPPED")).count();
        why.put("summary", "rule '" + rule.name() + "' (" + rule.strategy() + ") chose " + rep.name()
            + (skipped > 0 ? "; " + skipped + " skipped" : ""));
        return new Assignment(lead.id().value(), now, request.cause(), Outcome.ASSIGNED, rule.id(), rule.name(),
            rule.strategy(), rep.id(), null, actor.name(), why);
      }
    }
    String lead1 = bounded ? "first touch missed " + (maxReassignments + 1) + " times"
        : matching.isEmpty() ? "no rule matched" : "no one available in the matching rules";
    UUID owner = defaults.ownerId();
    if (owner != null) {
      Rep rep = reps.getOrDefault(owner, Rep.unknown(owner));
      if (rep.exists() && rep.active() && !request.excluded().contains(owner)) {
        why.put("default", "owner");
        why.put("summary", lead1 + "; default owner " + rep.name());
        state.assignedByDefault(owner);
        return new Assignment(lead.id().value(), now, request.cause(), Outcome.ASSIGNED, null, null, null, owner, null,
            actor.name(), why);
      }
      why.put("defaultOwnerSkipped", !rep.exists() ? "UNKNOWN_USER" : !rep.active() ? "INACTIVE" : "EXCLUDED");
    }
    if (defaults.teamId() != null) {
      why.put("default", "team");
      why.put("summary", lead1 + "; queued for the default team");
      return new Assignment(lead.id().value(), now, request.cause(), Outcome.QUEUED, null, null, null, null,
          defaults.teamId(), actor.name(), why);
    }
    why.put("summary", lead1 + "; no default owner or team, so the lead stays where it is");
    return new Assignment(lead.id().value(), now, request.cause(), Outcome.UNROUTED, null, null, null, lead.ownerId(),
        null, actor.name(), why);
  }

  private static Map<String, Object> candidate(Picker.Candidate c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("userId", c.userId().toString());
    m.put("name", c.name());
    m.put("outcome", c.outcome());
    if (c.reason() != null) {
      m.put("reason", c.reason().name());
    }
    if (c.detail() != null) {
      m.put("detail", c.detail());
    }
    return m;
  }

  /**
   * Each pool member's conversion rate on decided leads like this one (same industry, company
   * size band, amount band), smoothed toward the pool's rate on them: (c + k·p) / (n + k), where
   * the pool's rate p is itself Laplace-smoothed, so a rep with two lucky leads does not outrank a
   * steady one with two hundred.
   */
  private java.util.function.Function<UUID, Picker.Fit> fits(Lead lead, List<UUID> pool) {
    Integer size = lead.get(LeadField.COMPANY_SIZE) instanceof Number n ? n.intValue() : null;
    Integer sizeFrom = null;
    Integer sizeTo = null;
    if (size != null) {
      for (int i = SIZE_BANDS.length - 1; i >= 0; i--) {
        if (size >= SIZE_BANDS[i]) {
          sizeFrom = SIZE_BANDS[i];
          sizeTo = i + 1 < SIZE_BANDS.length ? SIZE_BANDS[i + 1] : null;
          break;
        }
      }
      if (sizeFrom == null) {
        sizeFrom = Integer.MIN_VALUE;
        sizeTo = 1;
      }
    }
    BigDecimal amountFrom = null;
    BigDecimal amountTo = null;
    if (lead.get(LeadField.OPPORTUNITY_AMOUNT) instanceof Money m && m.amount().signum() > 0) {
      int digits = m.amount().precision() - m.amount().scale();
      amountFrom = BigDecimal.TEN.pow(Math.max(0, digits - 1));
      amountTo = BigDecimal.TEN.pow(Math.max(1, digits));
    }
    Map<UUID, long[]> record = store.record(pool, lead.text(LeadField.INDUSTRY), sizeFrom, sizeTo, amountFrom, amountTo);
    long teamConverted = record.values().stream().mapToLong(r -> r[0]).sum();
    long teamDecided = record.values().stream().mapToLong(r -> r[1]).sum();
    double prior = (teamConverted + 1.0) / (teamDecided + 2.0);
    return u -> {
      long[] r = record.getOrDefault(u, new long[] {0, 0});
      return new Picker.Fit(r[0], r[1], (r[0] + PRIOR_LEADS * prior) / (r[1] + PRIOR_LEADS));
    };
  }

  /** The explanation as stored; a big pool's passed-over members are counted rather than listed when it would not fit. */
  @SuppressWarnings("unchecked")
  private static String clip(Map<String, Object> why) {
    String json = JSON.writeValueAsString(why);
    if (json.length() <= 16_000) {
      return json;
    }
    Map<String, Object> brief = new LinkedHashMap<>(why);
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> t : (List<Map<String, Object>>) why.getOrDefault("rules", List.of())) {
      Map<String, Object> r = new LinkedHashMap<>(t);
      List<Map<String, Object>> all = (List<Map<String, Object>>) t.get("candidates");
      r.put("candidates", all.stream().filter(c -> !"PASSED".equals(c.get("outcome"))).limit(60).toList());
      r.put("candidatesNotListed", all.size() - ((List<?>) r.get("candidates")).size());
      rules.add(r);
    }
    brief.put("rules", rules);
    json = JSON.writeValueAsString(brief);
    return json.length() <= 16_000 ? json : JSON.writeValueAsString(Map.of("summary", why.get("summary")));
  }
}
