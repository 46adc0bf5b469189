package org.sarnakh.crm;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.Money;

/** A deal; it always belongs to an account (S2.5), and carries the campaign of the lead it came from. */
public record Opportunity(UUID id, long version, String name, UUID accountId, @Nullable UUID contactId,
    @Nullable Money amount, String stage, @Nullable LocalDate closeDate, @Nullable String leadSource,
    @Nullable UUID campaignId, @Nullable String description, Map<String, String> customFields,
    @Nullable UUID originLeadId, @Nullable UUID ownerId, Instant createdAt) {

  /** The editable fields by API name, as a create or a merge patch takes them; unset ones left out. */
  public Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("accountId", accountId.toString());
    PostalAddress.putIf(m, "contactId", contactId == null ? null : contactId.toString());
    if (amount != null) {
      m.put("amount", Map.of("amount", amount.amountString(), "currency", amount.currency().getCurrencyCode()));
    }
    m.put("stage", stage);
    PostalAddress.putIf(m, "closeDate", closeDate == null ? null : closeDate.toString());
    PostalAddress.putIf(m, "leadSource", leadSource);
    PostalAddress.putIf(m, "campaignId", campaignId == null ? null : campaignId.toString());
    PostalAddress.putIf(m, "description", description);
    if (!customFields.isEmpty()) {
      m.put("customFields", new LinkedHashMap<>(customFields));
    }
    PostalAddress.putIf(m, "ownerId", ownerId == null ? null : ownerId.toString());
    return m;
  }
}
