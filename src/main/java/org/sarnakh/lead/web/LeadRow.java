package org.sarnakh.lead.web;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadField;

/** One line of the lead list as the page shows it. */
record LeadRow(UUID id, String name, @Nullable String accountName, @Nullable String email, @Nullable String phone,
    String status, @Nullable String rating, @Nullable String leadSource, @Nullable UUID ownerId, @Nullable String city,
    int score, String lifecycleStage, Instant createdAt, @Nullable Instant deletedAt) {

  static LeadRow of(Lead l) {
    String phone = l.text(LeadField.MOBILE) != null ? l.text(LeadField.MOBILE) : l.text(LeadField.PHONE);
    return new LeadRow(l.id().value(), displayName(l), l.text(LeadField.ACCOUNT_NAME), l.text(LeadField.EMAIL), phone,
        l.status().name(), l.text(LeadField.RATING), l.text(LeadField.LEAD_SOURCE), l.ownerId(), l.text(LeadField.CITY),
        l.score().total(), l.lifecycleStage().name(), l.createdAt(), l.deletedAt());
  }

  static String displayName(Lead l) {
    return l.displayName();
  }
}
