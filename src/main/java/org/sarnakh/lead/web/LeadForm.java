package org.sarnakh.lead.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.CodeLists.CustomField;
import org.sarnakh.lead.DuplicateKeys;
import org.sarnakh.lead.EmailAddress;
import org.sarnakh.lead.PhoneNumber;
import org.sarnakh.platform.InvalidValue;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.Money;
import org.springframework.util.MultiValueMap;

/**
 * The lead form of the pages, both ways: its inputs (named by API field names, dotted for
 * address and socials) become the same JSON object the API takes, so pages and API share one
 * parser and one set of rules; and a lead becomes the text the inputs show.
 */
final class LeadForm {

  static final String CONSENT = "marketingConsent";
  static final String CUSTOM_PREFIX = "customFields.";

  private LeadForm() {}

  /**
   * The form as a JSON object. On create, empty inputs are left out; on edit they clear their
   * field (a merge patch with {@code null}), so a user can erase a value by emptying it.
   */
  static Map<String, Object> toJson(MultiValueMap<String, String> form, List<CustomField> customFields, boolean create) {
    Map<String, Object> json = new LinkedHashMap<>();
    for (LeadField f : LeadField.values()) {
      switch (f.kind()) {
        case MONEY -> money(form, f.apiName(), create, json);
        case TAGS -> {
          if (form.containsKey(f.apiName())) {
            List<String> tags = tags(first(form, f.apiName()));
            if (!tags.isEmpty() || !create) {
              json.put(f.apiName(), tags.isEmpty() ? null : tags);
            }
          }
        }
        case CUSTOM -> custom(form, customFields, create, json);
        default -> {
          if (form.containsKey(f.apiName())) {
            String v = first(form, f.apiName());
            if (!v.isBlank() || !create) {
              put(json, f, v.isBlank() ? null : v);
            }
          }
        }
      }
    }
    String consent = form.getFirst(CONSENT);
    if (consent != null && !consent.isBlank()) {
      json.put(CONSENT, Map.of("status", consent, "source", "page"));
    }
    return json;
  }

  /** What each input shows for a stored lead. */
  static Map<String, String> values(Lead lead) {
    Map<String, String> v = new LinkedHashMap<>();
    lead.values().forEach((f, value) -> {
      switch (f.kind()) {
        case MONEY -> {
          Money m = (Money) value;
          v.put(f.apiName() + ".amount", m.amountString());
          v.put(f.apiName() + ".currency", m.currency().getCurrencyCode());
        }
        case TAGS -> v.put(f.apiName(), String.join(", ", lead.tags()));
        case CUSTOM -> ((Map<?, ?>) value).forEach((k, x) -> v.put(CUSTOM_PREFIX + k, String.valueOf(x)));
        default -> v.put(f.apiName(), String.valueOf(value));
      }
    });
    v.put(CONSENT, lead.consent().status().name());
    return v;
  }

  /** What the user typed, to show again beside the messages when the form was refused. */
  static Map<String, String> typed(MultiValueMap<String, String> form) {
    Map<String, String> v = new LinkedHashMap<>();
    form.forEach((k, values) -> {
      if (!values.isEmpty() && !"_csrf".equals(k)) {
        v.put(k, values.get(0));
      }
    });
    return v;
  }

  /**
   * The duplicate keys of what is typed so far (email, phone, mobile, external id), each read as the
   * lead would store it; a value that does not parse yet is no key.
   */
  static DuplicateKeys keys(MultiValueMap<String, String> form, String region) {
    String email = null;
    try {
      String typed = form.getFirst("email");
      email = typed == null || typed.isBlank() ? null : EmailAddress.of(typed).value();
    } catch (InvalidValue e) {
      email = null;
    }
    java.util.Set<String> phones = new java.util.LinkedHashSet<>();
    for (String name : List.of("phone", "mobile")) {
      String typed = form.getFirst(name);
      if (typed != null && !typed.isBlank()) {
        try {
          phones.add(PhoneNumber.parse(typed, region, name).e164());
        } catch (InvalidValue e) {
          // not a number yet: nothing to match on
        }
      }
    }
    String external = form.getFirst("externalId");
    return new DuplicateKeys(email, phones, external == null || external.isBlank() ? null : external.strip());
  }

  /** Tags typed with commas, Persian/Arabic commas or new lines between them. */
  static List<String> tags(@Nullable String typed) {
    if (typed == null) {
      return List.of();
    }
    return Arrays.stream(typed.split("[,،\\n]")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
  }

  private static void money(MultiValueMap<String, String> form, String name, boolean create, Map<String, Object> json) {
    if (!form.containsKey(name + ".amount")) {
      return;
    }
    String amount = first(form, name + ".amount").strip();
    String currency = first(form, name + ".currency").strip();
    if (amount.isEmpty()) {
      if (!create) {
        json.put(name, null);
      }
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("amount", amount);
    m.put("currency", currency.isEmpty() ? null : currency);
    json.put(name, m);
  }

  private static void custom(MultiValueMap<String, String> form, List<CustomField> defs, boolean create,
      Map<String, Object> json) {
    Map<String, Object> custom = new LinkedHashMap<>();
    for (CustomField def : defs) {
      String key = CUSTOM_PREFIX + def.name();
      if ("BOOLEAN".equals(def.type())) {
        // An unticked checkbox sends nothing: the hidden marker says the box was on the form.
        if (form.containsKey(key + "._present")) {
          custom.put(def.name(), form.containsKey(key));
        }
      } else if (form.containsKey(key)) {
        String v = first(form, key);
        if (!v.isBlank() || !create) {
          custom.put(def.name(), v.isBlank() ? null : v);
        }
      }
    }
    if (!custom.isEmpty()) {
      json.put("customFields", custom);
    }
  }

  private static void put(Map<String, Object> json, LeadField f, @Nullable String value) {
    if (f.group().isEmpty()) {
      json.put(f.apiName(), value);
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> group = (Map<String, Object>) json.computeIfAbsent(f.group().get(), g -> new LinkedHashMap<>());
    group.put(f.leafName(), value);
  }

  private static String first(MultiValueMap<String, String> form, String name) {
    String v = form.getFirst(name);
    return v == null ? "" : v;
  }

  /** One input of the lead form: its API name, how it is entered, its length limit and, for codes, its list. */
  record Input(String name, String kind, int maxLength, String list) {}

  /** The inputs of the form in the order the page lays them out, by section. */
  static Map<String, List<Input>> sections() {
    Map<String, List<Input>> s = new LinkedHashMap<>();
    s.put("person", inputs("salutation", "firstName", "lastName", "title"));
    s.put("contact", inputs("email", "phone", "mobile", "website"));
    s.put("company", inputs("accountName", "industry", "subIndustry", "companySize", "annualRevenue"));
    s.put("qualification", inputs("leadSource", "rating", "opportunityAmount", "campaignId", "referredBy", "ownerId",
        "teamId", "tags", CONSENT, "externalId"));
    s.put("address", inputs("address.street", "address.city", "address.state", "address.postalCode",
        "address.country"));
    s.put("socials", inputs("socials.linkedin", "socials.twitter", "socials.instagram", "socials.telegram",
        "socials.whatsapp"));
    s.put("more", inputs("description"));
    return s;
  }

  private static List<Input> inputs(String... names) {
    List<Input> out = new ArrayList<>();
    for (String name : names) {
      if (name.equals(CONSENT)) {
        out.add(new Input(name, "consent", 0, ""));
        continue;
      }
      LeadField f = LeadField.byApiName(name).orElseThrow();
      String kind = switch (f.kind()) {
        case NAME, TEXT -> "text";
        case MULTILINE -> "textarea";
        case EMAIL -> "email";
        case PHONE -> "tel";
        case WEBSITE -> "url";
        case CODE -> "code";
        case RATING -> "rating";
        case MONEY -> "money";
        case CAMPAIGN -> "campaign";
        case USER -> "user";
        case TEAM -> "team";
        case COUNTRY -> "country";
        case INTEGER -> "integer";
        case TAGS -> "tags";
        case CUSTOM -> "custom";
      };
      out.add(new Input(name, kind, f.maxLength(), f.codeList()));
    }
    return out;
  }
}
