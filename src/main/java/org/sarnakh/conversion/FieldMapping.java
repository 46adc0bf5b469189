package org.sarnakh.conversion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sarnakh.lead.Money;

/**
 * Where a lead's fields go on conversion: rules from a lead field to record fields (one field may
 * fill several, say the phone of the contact and of the account), and for every field no rule
 * takes what to do with a value it holds: carry it as a note on the contact, or refuse to convert.
 * Nothing a lead holds is dropped silently.
 */
public record FieldMapping(List<Rule> rules, Map<String, Policy> unmapped) {

  public record Rule(String source, String target) {}

  public enum Policy { NOTE, REFUSE }

  public FieldMapping {
    rules = List.copyOf(rules);
    unmapped = Map.copyOf(unmapped);
  }

  /** The record fields a lead's values make, the note lines of unmapped values, and the fields that refuse. */
  public record Applied(Map<String, Map<String, Object>> records, List<String> notes, List<String> refused) {

    public Map<String, Object> of(String entity) {
      return records.getOrDefault(entity, Map.of());
    }
  }

  /** Applies the mapping to a lead's non-empty values (API values by source name). */
  public Applied apply(Map<String, Object> values) {
    Map<String, Map<String, Object>> records = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    values.forEach((source, value) -> {
      List<Rule> taking = rules.stream().filter(r -> r.source().equals(source)).toList();
      if (taking.isEmpty()) {
        if (unmapped.getOrDefault(source, Policy.NOTE) == Policy.REFUSE) {
          refused.add(source);
        } else {
          notes.add(source + ": " + text(value));
        }
        return;
      }
      for (Rule r : taking) {
        String entity = MappingCatalog.entity(r.target());
        String path = r.target().substring(entity.length() + 1);
        Object v = path.startsWith("customFields.") || isText(path) && !(value instanceof String) ? text(value) : value;
        put(records.computeIfAbsent(entity, e -> new LinkedHashMap<>()), path, v);
      }
    });
    return new Applied(records, notes, refused);
  }

  /** Record fields that take text, so a typed lead value (a number, a date) goes in as its text. */
  private static boolean isText(String path) {
    return !path.equals("amount") && !path.equals("annualRevenue") && !path.equals("companySize")
        && !path.equals("campaignId") && !path.equals("closeDate");
  }

  @SuppressWarnings("unchecked")
  static void put(Map<String, Object> json, String path, Object value) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      json.put(path, value);
      return;
    }
    Map<String, Object> inner = (Map<String, Object>) json.computeIfAbsent(path.substring(0, dot),
        k -> new LinkedHashMap<String, Object>());
    put(inner, path.substring(dot + 1), value);
  }

  static String text(Object value) {
    if (value instanceof Map<?, ?> m && m.containsKey("amount")) {
      return m.get("amount") + " " + m.get("currency");
    }
    if (value instanceof Money m) {
      return m.amountString() + " " + m.currency().getCurrencyCode();
    }
    if (value instanceof List<?> list) {
      return String.join(", ", list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }
}
