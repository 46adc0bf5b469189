package org.sarnakh.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.identity.UserSummary;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.lead.LeadStatus;
import org.sarnakh.notify.Notice;
import org.sarnakh.notify.NotificationKind;
import org.sarnakh.notify.Notifications;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.db.tables.records.RoutingHandoffRecord;
import org.sarnakh.routing.internal.HandoffStore;
import org.sarnakh.routing.internal.RoutingStore;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works the open hand-offs against the clock: tells a rep about a lead routed to them, reminds
 * them before the first-touch deadline, and on breach tells the team's managers and routes the
 * lead again without the rep (bounded: see {@code sarnakh.routing.max-reassignments}). A touch
 * (an activity or a status change by the rep) closes the hand-off. Rows are claimed with SKIP
 * LOCKED, so several nodes share the work and each row is worked once.
 */
@Component
class HandoffSweep {

  private final HandoffStore store;
  private final RoutingStore queue;
  private final LeadQueries leads;
  private final UserDirectory users;
  private final Notifications notifications;
  private final TransactionTemplate tx;
  private final Clock clock;

  HandoffSweep(HandoffStore store, RoutingStore queue, LeadQueries leads, UserDirectory users,
      Notifications notifications, TransactionTemplate tx, Clock clock) {
    this.store = store;
    this.queue = queue;
    this.leads = leads;
    this.users = users;
    this.notifications = notifications;
    this.tx = tx;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${sarnakh.routing.handoff-poll:${sarnakh.jobs.poll:30s}}")
  void poll() {
    while (sweepOnce() > 0) {
      // More may be due.
    }
  }

  /** One batch; how many hand-offs it worked (those whose lead is still being handed over wait). */
  int sweepOnce() {
    Integer n = tx.execute(s -> {
      Instant now = ApiTime.truncate(clock.instant());
      List<RoutingHandoffRecord> due = store.claimDue(now, 100);
      List<UUID> ids = due.stream().map(RoutingHandoffRecord::getLeadId).toList();
      // A lead still in the routing queue is decided but not yet handed over (routing's second
      // step runs apart): its hand-off waits. Read before the leads, so a hand-over committing in
      // between shows in the leads read after.
      java.util.Set<UUID> queued = queue.queuedAmong(ids);
      Map<UUID, Lead> byId = new HashMap<>();
      leads.forSystem(ids).forEach(l -> byId.put(l.id().value(), l));
      int worked = 0;
      for (RoutingHandoffRecord h : due) {
        if (!queued.contains(h.getLeadId())) {
          work(h, byId.get(h.getLeadId()), now);
          worked++;
        }
      }
      return worked;
    });
    return n == null ? 0 : n;
  }

  private void work(RoutingHandoffRecord h, Lead lead, Instant now) {
    UUID lead1 = h.getLeadId();
    if (lead == null || !h.getOwnerId().equals(lead.ownerId()) || lead.status() == LeadStatus.CONVERTED
        || lead.status() == LeadStatus.DEAD) {
      store.close(lead1, "CLOSED", "the lead moved on", now);
      return;
    }
    String link = "/leads/" + lead1;
    String at = h.getAssignedAt().toString();
    if (!h.getNotified()) {
      notifications.notify(new Notice(h.getOwnerId(), NotificationKind.LEAD_ASSIGNED,
          List.of(lead.displayName(), minutes(h)), link, "lead-assigned:" + lead1 + ":" + at));
      store.markNotified(lead1);
    }
    boolean due = h.getDueAt() != null && !h.getDueAt().isAfter(now);
    boolean remind = !h.getReminded() && h.getRemindAt() != null && !h.getRemindAt().isAfter(now);
    if ((due || remind) && store.touched(lead1, h.getOwnerId(), h.getAssignedAt())) {
      store.close(lead1, "TOUCHED", null, now);
      return;
    }
    if (due) {
      String owner = users.names(List.of(h.getOwnerId())).getOrDefault(h.getOwnerId(), "?");
      for (UUID manager : managers(lead, h.getOwnerId())) {
        notifications.notify(new Notice(manager, NotificationKind.SLA_ESCALATED, List.of(lead.displayName(), owner),
            link, "sla-escalated:" + lead1 + ":" + at));
      }
      notifications.notify(new Notice(h.getOwnerId(), NotificationKind.LEAD_REASSIGNED, List.of(lead.displayName()),
          link, "lead-reassigned:" + lead1 + ":" + at));
      store.close(lead1, "BREACHED", null, now);
      queue.enqueue(List.of(lead1), org.jooq.impl.DSL.trueCondition(), Cause.SLA_BREACHED, h.getOwnerId(), now);
    } else if (remind) {
      notifications.notify(new Notice(h.getOwnerId(), NotificationKind.SLA_REMINDER, List.of(lead.displayName(),
          minutesLeft(h, now)), link, "sla-reminder:" + lead1 + ":" + at));
      store.markReminded(lead1);
    }
  }

  /** The sales managers of the lead's team, or (a lead without team) of the rep's teams. */
  private List<UUID> managers(Lead lead, UUID owner) {
    List<UserSummary> all = users.list();
    List<UUID> teams = new ArrayList<>();
    if (lead.teamId() != null) {
      teams.add(lead.teamId());
    } else {
      all.stream().filter(u -> u.id().equals(owner)).findFirst().ifPresent(u -> teams.addAll(u.teamIds()));
    }
    return all.stream().filter(u -> u.active() && u.role() == Role.SALES_MANAGER)
        .filter(u -> u.teamIds().stream().anyMatch(teams::contains)).map(UserSummary::id).toList();
  }

  private static String minutes(RoutingHandoffRecord h) {
    return h.getDueAt() == null ? "—"
        : String.valueOf(java.time.Duration.between(h.getAssignedAt(), h.getDueAt()).toMinutes());
  }

  private static String minutesLeft(RoutingHandoffRecord h, Instant now) {
    return h.getDueAt() == null ? "—" : String.valueOf(Math.max(0, java.time.Duration.between(now, h.getDueAt()).toMinutes()));
  }
}
