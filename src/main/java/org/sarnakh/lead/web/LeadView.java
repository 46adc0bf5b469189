package org.sarnakh.lead.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.Money;
import org.sarnakh.platform.ApiTime;

/** The Lead resource of PRODUCT.md §4 as JSON; every field is present, null when empty. */
final class LeadView {

  private LeadView() {}

  static Map<String, Object> of(Lead lead) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", lead.id().value());
    v.put("version", lead.version());
    Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
    for (LeadField f : LeadField.values()) {
      Object value = wire(f, lead.get(f));
      if (f.group().isPresent()) {
        Map<String, Object> group = groups.computeIfAbsent(f.group().get(), g -> {
          Map<String, Object> m = new LinkedHashMap<>();
          v.put(g, m);
          return m;
        });
        group.put(f.leafName(), value);
      } else {
        v.put(f.apiName(), value);
      }
    }
    v.put("status", lead.status().name());
    v.put("deadReason", lead.deadReason());
    v.put("score", Map.of("fit", lead.score().fit(), "engagement", lead.score().engagement(),
        "total", lead.score().total()));
    v.put("lifecycleStage", lead.lifecycleStage().name());
    Map<String, Object> consent = new LinkedHashMap<>();
    consent.put("status", lead.consent().status().name());
    consent.put("source", lead.consent().source());
    consent.put("at", ApiTime.format(lead.consent().at()));
    v.put("marketingConsent", consent);
    v.put("createdAt", ApiTime.format(lead.createdAt()));
    v.put("updatedAt", ApiTime.format(lead.updatedAt()));
    v.put("createdBy", lead.createdBy());
    v.put("convertedAt", ApiTime.format(lead.convertedAt()));
    v.put("deletedAt", ApiTime.format(lead.deletedAt()));
    return v;
  }

  static Object wire(LeadField f, Object value) {
    if (value == null) {
      return switch (f.kind()) {
        case TAGS -> List.of();
        case CUSTOM -> Map.of();
        default -> null;
      };
    }
    if (value instanceof Money m) {
      return Map.of("amount", m.amountString(), "currency", m.currency().getCurrencyCode());
    }
    return value;
  }
}
