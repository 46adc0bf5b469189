package org.sarnakh.lead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.internal.LeadConditions;
import org.sarnakh.lead.internal.LeadHistoryLog;
import org.sarnakh.lead.internal.Leads;
import org.sarnakh.platform.DomainConflict;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes many leads at once with their change-log entries: inserts of already-built leads (generated
 * data sets, imports) and the edits an import in upsert mode makes to the leads it matched.
 */
@Service
public class LeadBulkLoad {

  private final Leads leads;
  private final LeadHistoryLog history;

  private final org.springframework.context.ApplicationEventPublisher events;

  LeadBulkLoad(Leads leads, LeadHistoryLog history, org.springframework.context.ApplicationEventPublisher events) {
    this.leads = leads;
    this.history = history;
    this.events = events;
  }

  @Transactional
  public void insert(List<Lead> batch, Actor actor) {
    leads.insertBatch(batch);
    List<LeadHistoryLog.Created> created = new ArrayList<>(batch.size());
    for (Lead lead : batch) {
      created.add(new LeadHistoryLog.Created(lead.id(), lead.createdAt()));
    }
    history.recordCreated(created, actor);
    events.publishEvent(LeadsCreated.of(batch));
  }

  /** A stored lead being changed in bulk, with its snapshot from before the change for the change log. */
  public record Edit(Lead lead, Map<String, String> before) {}

  /**
   * The stored leads among {@code ids} that {@code user} may see and edit: not deleted, not
   * converted. Keyed by id, in no particular order.
   */
  public Map<UUID, Lead> editable(Collection<UUID> ids, CurrentUser user) {
    Map<UUID, Lead> found = new LinkedHashMap<>();
    for (Lead lead : leads.findAll(ids, LeadConditions.visibleTo(user))) {
      if (lead.deletedAt() == null && lead.status() != LeadStatus.CONVERTED) {
        found.put(lead.id().value(), lead);
      }
    }
    return found;
  }

  /**
   * Stores edited leads, each only if nobody changed it since it was read (its version), and logs
   * every changed field as any edit does. A lead changed meanwhile fails the whole batch, so the
   * caller's transaction rolls back and can be retried.
   */
  @Transactional
  public void update(List<Edit> edits, Actor actor, Instant at) {
    for (Edit e : edits) {
      if (!leads.update(e.lead(), e.lead().version())) {
        throw new DomainConflict("concurrent-change", "lead " + e.lead().id() + " changed meanwhile");
      }
      history.record(e.lead().id(), at, actor, e.before(), e.lead().snapshot());
    }
  }

  public long count() {
    return leads.count();
  }

  /**
   * Refreshes the planner's statistics of the lead tables. Bulk loaders call it as the tables grow
   * (and at the end): a planner that still believes the table empty picks a wrong index for the
   * foreign-key checks of the next batch and for every list query, and not every installation runs
   * autovacuum.
   */
  public void refreshStatistics() {
    leads.refreshStatistics();
  }


  /** Convenience for generators: a checked lead built from parsed input at a given time. */
  public static Lead build(LeadInput.Parsed input, Instant at, UUID by) {
    return Lead.create(LeadId.random(), input, at, by);
  }
}
