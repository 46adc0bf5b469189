package org.sarnakh.lead;

import java.util.List;

/**
 * New leads were stored, by any path (API, forms, batches, imports, generated data), published in
 * the transaction that stored them, one event per batch: listeners that queue work for new leads
 * do it in one statement and with the leads, or not at all.
 */
public record LeadsCreated(List<LeadId> leads) {

  public LeadsCreated {
    leads = List.copyOf(leads);
  }
}
