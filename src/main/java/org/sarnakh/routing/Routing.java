package org.sarnakh.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.lead.LeadQuery;
import org.sarnakh.lead.LeadStatus;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.RuleViolation;
import org.sarnakh.routing.internal.RoutingEngine;
import org.sarnakh.routing.internal.RoutingStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Routing on demand: one lead now, mass reassignment, and the explained assignments of a lead. */
@Service
public class Routing {

  /** What became of one lead of a mass reassignment: an HTTP-like status, and the assignment when it ran. */
  public record Reassigned(UUID id, int status, @Nullable Assignment assignment, @Nullable String detail) {}

  public static final int MAX_REASSIGN = 1000;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final RoutingEngine engine;
  private final RoutingStore store;
  private final LeadQueries leads;
  private final UserDirectory users;
  private final TransactionTemplate tx;

  Routing(RoutingEngine engine, RoutingStore store, LeadQueries leads, UserDirectory users, TransactionTemplate tx) {
    this.engine = engine;
    this.store = store;
    this.leads = leads;
    this.users = users;
    this.tx = tx;
  }

  /** Routes a lead the caller may see now, by the rules (its owner may keep it if the rules say so). */
  public Assignment routeNow(LeadId id, CurrentUser user) {
    Lead lead = leads.get(id, user);
    requireRoutable(lead);
    List<Assignment> done = tx.execute(s -> engine.route(List.of(RoutingEngine.Request.of(id, Cause.MANUAL, null)),
        Actor.of(user, Actor.Channel.API)));
    if (done == null || done.isEmpty()) {
      throw new DomainConflict("not-routable", "lead " + id.value() + " cannot be routed now");
    }
    return done.get(0);
  }

  /**
   * Reassigns leads: {@code ids} or every open lead of {@code fromUserId}; each goes to
   * {@code toUserId} when given, or is routed again without its present owner. Per-lead results.
   */
  public List<Reassigned> reassign(@Nullable List<UUID> ids, @Nullable UUID fromUser, @Nullable UUID toUser,
      CurrentUser user) {
    if ((ids == null) == (fromUser == null)) {
      throw InvalidInput.of("ids", "give either ids or fromUserId");
    }
    if (toUser != null && !users.isActiveUser(toUser)) {
      throw new RuleViolation("unknown-user", "toUserId: no active user " + toUser);
    }
    List<UUID> targets = ids != null ? ids : ownedBy(fromUser, user);
    if (targets.size() > MAX_REASSIGN) {
      throw InvalidInput.of("ids", "at most " + MAX_REASSIGN + " leads at once");
    }
    Map<UUID, Lead> visible = new LinkedHashMap<>();
    leads.visible(targets, user).forEach(l -> visible.put(l.id().value(), l));
    List<Reassigned> out = new ArrayList<>();
    Actor actor = Actor.of(user, Actor.Channel.API);
    for (UUID id : targets) {
      Lead lead = visible.get(id);
      if (lead == null) {
        out.add(new Reassigned(id, 404, null, "lead not found"));
        continue;
      }
      if (lead.status() == LeadStatus.CONVERTED || lead.status() == LeadStatus.DEAD) {
        out.add(new Reassigned(id, 409, null, "a " + lead.status() + " lead is not reassigned"));
        continue;
      }
      Set<UUID> excluded = toUser == null && lead.ownerId() != null ? Set.of(lead.ownerId()) : Set.of();
      try {
        List<Assignment> done = tx.execute(s -> engine.route(List.of(new RoutingEngine.Request(lead.id(),
            Cause.REASSIGNED, excluded, toUser)), actor));
        Assignment a = done == null || done.isEmpty() ? null : done.get(0);
        out.add(a == null ? new Reassigned(id, 409, null, "not routable") : new Reassigned(id, 200, a, null));
      } catch (DomainConflict e) {
        out.add(new Reassigned(id, 409, null, e.getMessage()));
      }
    }
    return out;
  }

  /** The lead's assignments, newest first; 404 when the caller may not see the lead. */
  public List<Assignment> history(LeadId id, CurrentUser user, int limit) {
    leads.get(id, user);
    return forSystem(id, limit);
  }

  /** The lead's assignments, newest first, whoever asks (the timeline checked its caller). */
  public List<Assignment> forSystem(LeadId id, int limit) {
    return forSystem(store, id, limit);
  }

  static List<Assignment> forSystem(RoutingStore store, LeadId id, int limit) {
    return store.assignments(id, limit).stream().map(r -> new Assignment(r.getLeadId(), r.getAt(),
        Cause.valueOf(r.getCause()), Assignment.Outcome.valueOf(r.getOutcome()), r.getRuleId(), r.getRuleName(),
        r.getStrategy() == null ? null : Strategy.valueOf(r.getStrategy()), r.getOwnerId(), r.getTeamId(),
        r.getActorName(), JSON.readValue(r.getExplanation(), OBJECT))).toList();
  }

  private List<UUID> ownedBy(UUID fromUser, CurrentUser user) {
    List<UUID> out = new ArrayList<>();
    LeadQuery.Filters open = LeadQuery.Filters.none().withOwner(fromUser.toString())
        .withStatus(Set.of(LeadStatus.NEW, LeadStatus.ASSIGNED, LeadStatus.IN_PROCESS, LeadStatus.RECYCLED));
    leads.forEach(open, user, l -> {
      if (out.size() <= MAX_REASSIGN) {
        out.add(l.id().value());
      }
    });
    return out;
  }

  private static void requireRoutable(Lead lead) {
    if (lead.status() == LeadStatus.CONVERTED || lead.status() == LeadStatus.DEAD) {
      throw new DomainConflict("not-routable", "a " + lead.status() + " lead is not routed");
    }
  }
}
