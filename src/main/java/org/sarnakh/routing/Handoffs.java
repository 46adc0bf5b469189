package org.sarnakh.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadManagement;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.lead.LifecycleStage;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.db.tables.records.RoutingHandoffRecord;
import org.sarnakh.platform.text.TextKeys;
import org.sarnakh.routing.internal.HandoffStore;
import org.sarnakh.routing.internal.RoutingStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rep's side of a hand-off (S0.5.6, one first point of contact): accept a routed lead (it
 * becomes an SQL), or reject it with a reason (it is routed again without them); and the list of
 * new leads waiting for them.
 */
@Service
public class Handoffs {

  /** A lead waiting for its rep, with its first-touch deadline (null: none). */
  public record Pending(UUID leadId, UUID ownerId, Instant assignedAt, @Nullable Instant dueAt, int reassignments) {}

  private final HandoffStore store;
  private final RoutingStore queue;
  private final LeadQueries leads;
  private final LeadManagement management;
  private final Clock clock;

  Handoffs(HandoffStore store, RoutingStore queue, LeadQueries leads, LeadManagement management, Clock clock) {
    this.store = store;
    this.queue = queue;
    this.leads = leads;
    this.management = management;
    this.clock = clock;
  }

  @Transactional
  public Pending accept(LeadId id, CurrentUser user) {
    leads.get(id, user);
    RoutingHandoffRecord h = mine(id, user);
    store.close(id.value(), "ACCEPTED", null, ApiTime.truncate(clock.instant()));
    management.reachStage(id, LifecycleStage.SQL, Actor.of(user, Actor.Channel.API));
    return pending(h);
  }

  /** Rejects a lead routed to the caller: {@code reason} is required; the lead is routed again without them. */
  @Transactional
  public Pending reject(LeadId id, @Nullable String reason, CurrentUser user) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty() || why.length() > 500 || TextKeys.hasForbiddenControls(why)) {
      throw InvalidInput.of("reason", "why you pass this lead on, 1 to 500 characters");
    }
    leads.get(id, user);
    RoutingHandoffRecord h = mine(id, user);
    Instant now = ApiTime.truncate(clock.instant());
    store.close(id.value(), "REJECTED", why, now);
    queue.enqueue(List.of(id.value()), org.jooq.impl.DSL.trueCondition(), Cause.REJECTED, user.id(), now);
    return pending(h);
  }

  /** The caller's routed leads waiting for them to accept or reject, newest first. */
  public List<Pending> waitingFor(CurrentUser user, int limit) {
    return store.pendingOf(user.id(), limit).stream().map(Handoffs::pending).toList();
  }

  /** A lead's open hand-off, if it has one (the caller may see the lead). */
  public @Nullable Pending of(LeadId id, CurrentUser user) {
    leads.get(id, user);
    RoutingHandoffRecord h = store.find(id.value());
    return h == null || !HandoffStore.PENDING.equals(h.getState()) ? null : pending(h);
  }

  private RoutingHandoffRecord mine(LeadId id, CurrentUser user) {
    RoutingHandoffRecord h = store.lockPending(id.value(), user.id());
    if (h == null) {
      throw new DomainConflict("no-handoff", "lead " + id.value() + " is not waiting for you to accept or reject it");
    }
    return h;
  }

  private static Pending pending(RoutingHandoffRecord h) {
    return new Pending(h.getLeadId(), h.getOwnerId(), h.getAssignedAt(), h.getDueAt(), h.getReassignments());
  }
}
