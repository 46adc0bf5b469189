package org.sarnakh.lead;

import java.util.List;

/**
 * New leads were stored, by any path (API, forms, batches, imports, generated data), published in
 * the transaction that stored them, one event per batch: listeners that queue work for new leads
 * do it in one statement and with the leads, or not at all. {@code withoutOwner}: those created
 * with no owner.
 */
public record LeadsCreated(List<LeadId> leads, List<LeadId> withoutOwner) {

  public LeadsCreated {
    leads = List.copyOf(leads);
    withoutOwner = List.copyOf(withoutOwner);
  }

  static LeadsCreated of(List<Lead> created) {
    return new LeadsCreated(created.stream().map(Lead::id).toList(),
        created.stream().filter(l -> l.ownerId() == null).map(Lead::id).toList());
  }
}
