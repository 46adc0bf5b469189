package org.sarnakh.crm;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.Money;

/** A company; a converted lead's company keeps the lead's id as {@code originLeadId}. */
public record Account(UUID id, long version, String name, @Nullable String website, @Nullable String industry,
    @Nullable String subIndustry, @Nullable String phone, PostalAddress address, @Nullable Integer companySize,
    @Nullable Money annualRevenue, @Nullable String description, Map<String, String> customFields,
    @Nullable String leadSource, @Nullable UUID originLeadId, @Nullable UUID ownerId, Instant createdAt) {

  public @Nullable String city() {
    return address.city();
  }

  public @Nullable String country() {
    return address.country();
  }

  /** The editable fields by API name, as a create or a merge patch takes them; unset ones left out. */
  public Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    PostalAddress.putIf(m, "website", website);
    PostalAddress.putIf(m, "industry", industry);
    PostalAddress.putIf(m, "subIndustry", subIndustry);
    PostalAddress.putIf(m, "phone", phone);
    if (!address.asMap().isEmpty()) {
      m.put("address", address.asMap());
    }
    PostalAddress.putIf(m, "companySize", companySize);
    if (annualRevenue != null) {
      m.put("annualRevenue", Map.of("amount", annualRevenue.amountString(),
          "currency", annualRevenue.currency().getCurrencyCode()));
    }
    PostalAddress.putIf(m, "description", description);
    if (!customFields.isEmpty()) {
      m.put("customFields", new LinkedHashMap<>(customFields));
    }
    PostalAddress.putIf(m, "leadSource", leadSource);
    PostalAddress.putIf(m, "ownerId", ownerId == null ? null : ownerId.toString());
    return m;
  }
}
