package org.sarnakh.lead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.internal.LeadHistoryLog;
import org.sarnakh.lead.internal.Leads;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.DomainConflict;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands many leads to their new owners (or team pools) at once, for routing: one batched update
 * of the leads, one insert of their change-log entries. Each lead must still be at the version it
 * was read at; one changed meanwhile fails the whole batch, which the caller's transaction rolls
 * back and retries.
 */
@Service
public class LeadAssignments {

  /** A lead as read, and who should have it: a rep ({@code owner}) or, with no owner, a team's pool. */
  public record Handover(Lead lead, @Nullable UUID owner, @Nullable UUID team) {}

  private final Leads leads;
  private final LeadHistoryLog history;
  private final ApplicationEventPublisher events;

  LeadAssignments(Leads leads, LeadHistoryLog history, ApplicationEventPublisher events) {
    this.leads = leads;
    this.history = history;
    this.events = events;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void assign(List<Handover> handovers, Actor actor, Instant at) {
    if (handovers.isEmpty()) {
      return;
    }
    Instant now = ApiTime.truncate(at);
    List<LeadHistoryLog.Change> changes = new ArrayList<>(handovers.size());
    List<Lead> changed = new ArrayList<>(handovers.size());
    for (Handover h : handovers) {
      Map<String, String> before = h.lead().snapshot();
      h.lead().assignTo(h.owner(), h.team(), now);
      changes.add(new LeadHistoryLog.Change(h.lead().id(), before, h.lead().snapshot()));
      changed.add(h.lead());
    }
    if (!leads.storeAssignments(changed)) {
      throw new DomainConflict("concurrent-change", "a lead changed while it was being routed");
    }
    history.recordAll(changes, now, actor);
    for (Lead lead : changed) {
      events.publishEvent(new LeadChanged(lead.id()));
    }
  }
}
