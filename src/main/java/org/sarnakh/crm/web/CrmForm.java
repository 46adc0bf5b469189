package org.sarnakh.crm.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * The create and edit forms of accounts, contacts and opportunities: which inputs each shows and
 * how a posted form becomes the JSON the API takes (dotted names nest: {@code address.city}).
 */
final class CrmForm {

  /** One input: its name as the API spells it and its kind (text, email, tel, url, number, date, money, textarea, select). */
  record Input(String name, String kind) {}

  static final List<Input> ACCOUNT = List.of(new Input("name", "text"), new Input("website", "url"),
      new Input("industry", "select"), new Input("phone", "tel"), new Input("address.city", "text"),
      new Input("address.country", "text"), new Input("companySize", "number"), new Input("annualRevenue", "money"),
      new Input("description", "textarea"));
  static final List<Input> CONTACT = List.of(new Input("firstName", "text"), new Input("lastName", "text"),
      new Input("email", "email"), new Input("phone", "tel"), new Input("mobile", "tel"), new Input("title", "text"),
      new Input("address.city", "text"), new Input("description", "textarea"));
  static final List<Input> OPPORTUNITY = List.of(new Input("name", "text"), new Input("amount", "money"),
      new Input("stage", "select"), new Input("closeDate", "date"), new Input("description", "textarea"));

  private CrmForm() {}

  /**
   * The posted inputs as JSON. Creating leaves empty inputs out; editing sends them as null, which
   * the merge patch reads as "clear".
   */
  static Map<String, Object> toJson(MultiValueMap<String, String> form, List<Input> inputs, boolean creating) {
    Map<String, Object> json = new LinkedHashMap<>();
    for (Input in : inputs) {
      String v = form.getFirst(in.name());
      if (in.kind().equals("money")) {
        String currency = form.getFirst(in.name() + ".currency");
        if (v != null && !v.isBlank()) {
          json.put(in.name(), Map.of("amount", v.strip(), "currency", currency == null ? "" : currency.strip()));
        } else if (!creating) {
          json.put(in.name(), null);
        }
        continue;
      }
      if (v == null || v.isBlank()) {
        if (!creating) {
          put(json, in.name(), null);
        }
      } else {
        put(json, in.name(), v.strip());
      }
    }
    for (String hidden : List.of("accountId", "contactId")) {
      String v = form.getFirst(hidden);
      if (v != null && !v.isBlank()) {
        json.put(hidden, v.strip());
      }
    }
    return json;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> json, String name, @Nullable Object value) {
    int dot = name.indexOf('.');
    if (dot < 0) {
      json.put(name, value);
    } else {
      ((Map<String, Object>) json.computeIfAbsent(name.substring(0, dot), k -> new LinkedHashMap<String, Object>()))
          .put(name.substring(dot + 1), value);
    }
  }

  /** A record's fields flattened to what the inputs show ({@code address.city}, {@code amount} and {@code amount.currency}). */
  static Map<String, String> values(Map<String, Object> fields) {
    Map<String, String> out = new LinkedHashMap<>();
    fields.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m && m.containsKey("currency") && m.containsKey("amount")) {
        out.put(k, String.valueOf(m.get("amount")));
        out.put(k + ".currency", String.valueOf(m.get("currency")));
      } else if (v instanceof Map<?, ?> m) {
        m.forEach((ik, iv) -> out.put(k + "." + ik, String.valueOf(iv)));
      } else if (v != null) {
        out.put(k, String.valueOf(v));
      }
    });
    return out;
  }
}
