package org.sarnakh.lead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sarnakh.lead.internal.LeadHistoryLog;
import org.sarnakh.lead.internal.Leads;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Inserts many already-built leads in one batch with their creation entries in the change log:
 * the path for generated data sets and, later, the import pipeline.
 */
@Service
public class LeadBulkLoad {

  private final Leads leads;
  private final LeadHistoryLog history;

  LeadBulkLoad(Leads leads, LeadHistoryLog history) {
    this.leads = leads;
    this.history = history;
  }

  @Transactional
  public void insert(List<Lead> batch, Actor actor) {
    leads.insertBatch(batch);
    List<LeadHistoryLog.Created> created = new ArrayList<>(batch.size());
    for (Lead lead : batch) {
      created.add(new LeadHistoryLog.Created(lead.id(), lead.createdAt()));
    }
    history.recordCreated(created, actor);
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
  public static Lead build(LeadInput.Parsed input, Instant at, java.util.UUID by) {
    return Lead.create(LeadId.random(), input, at, by);
  }
}
