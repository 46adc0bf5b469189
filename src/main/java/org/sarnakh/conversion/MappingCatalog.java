package org.sarnakh.conversion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sarnakh.lead.CodeLists;
import org.sarnakh.lead.LeadField;
import org.springframework.stereotype.Component;

/**
 * What a mapping may name: every lead field (custom fields included) as a source, every field of
 * contacts, accounts and opportunities as a target, and the defaults an administrator starts from.
 */
@Component
public class MappingCatalog {

  /** Lead fields that are not carried as data: who works the lead is decided by conversion itself. */
  private static final List<LeadField> NOT_SOURCES = List.of(LeadField.OWNER_ID, LeadField.TEAM_ID,
      LeadField.CUSTOM_FIELDS);

  static final int CUSTOM_MAX = 4000;

  private static final List<MappingField> TARGETS = List.of(
      text("contact.salutation", 20), text("contact.firstName", 100), text("contact.lastName", 100),
      typed("contact.email", ValueType.EMAIL), typed("contact.phone", ValueType.PHONE),
      typed("contact.mobile", ValueType.PHONE), text("contact.title", 100),
      text("contact.address.street", 300), text("contact.address.city", 100), text("contact.address.state", 100),
      text("contact.address.postalCode", 20), typed("contact.address.country", ValueType.COUNTRY),
      text("contact.socials.linkedin", 200), text("contact.socials.twitter", 200),
      text("contact.socials.instagram", 200), text("contact.socials.telegram", 200),
      text("contact.socials.whatsapp", 200), text("contact.description", 32000),
      code("contact.leadSource", "lead_source"), typed("contact.campaignId", ValueType.CAMPAIGN),
      text("account.name", 200), typed("account.website", ValueType.WEBSITE), code("account.industry", "industry"),
      code("account.subIndustry", "sub_industry"), typed("account.phone", ValueType.PHONE),
      text("account.address.street", 300), text("account.address.city", 100), text("account.address.state", 100),
      text("account.address.postalCode", 20), typed("account.address.country", ValueType.COUNTRY),
      typed("account.companySize", ValueType.INTEGER), typed("account.annualRevenue", ValueType.MONEY),
      text("account.description", 32000), code("account.leadSource", "lead_source"),
      text("opportunity.name", 200), typed("opportunity.amount", ValueType.MONEY),
      typed("opportunity.closeDate", ValueType.DATE), code("opportunity.leadSource", "lead_source"),
      typed("opportunity.campaignId", ValueType.CAMPAIGN), text("opportunity.description", 32000));

  /** Where each lead field goes unless an administrator says otherwise (issue 6: person → contact, company → account). */
  private static final Map<String, List<String>> DEFAULTS = defaults();

  private final CodeLists lists;

  MappingCatalog(CodeLists lists) {
    this.lists = lists;
  }

  /** Every lead field a mapping may name, standard ones first, then the custom fields defined now. */
  public List<MappingField> sources() {
    List<MappingField> out = new ArrayList<>();
    for (LeadField f : LeadField.values()) {
      if (!NOT_SOURCES.contains(f)) {
        out.add(source(f));
      }
    }
    for (CodeLists.CustomField c : lists.customFields()) {
      out.add(new MappingField("customFields." + c.name(), switch (c.type()) {
        case "NUMBER" -> ValueType.NUMBER;
        case "BOOLEAN" -> ValueType.BOOLEAN;
        case "DATE" -> ValueType.DATE;
        default -> ValueType.TEXT;
      }, c.maxLength(), null));
    }
    return out;
  }

  public List<MappingField> targets() {
    return TARGETS;
  }

  /** A target by name: a listed field, or a custom field of a contact, account or opportunity. */
  public Optional<MappingField> target(String name) {
    for (MappingField t : TARGETS) {
      if (t.name().equals(name)) {
        return Optional.of(t);
      }
    }
    if (name.matches("(contact|account|opportunity)\\.customFields\\.[a-z][A-Za-z0-9]{0,49}")) {
      return Optional.of(new MappingField(name, ValueType.TEXT, CUSTOM_MAX, null));
    }
    return Optional.empty();
  }

  /** The default targets of a source: the table above, and a custom field to the contact's custom field of that name. */
  public List<String> defaultTargets(String source) {
    if (source.startsWith("customFields.")) {
      return List.of("contact." + source);
    }
    return DEFAULTS.getOrDefault(source, List.of());
  }

  private static MappingField source(LeadField f) {
    return switch (f.kind()) {
      case NAME, TEXT, MULTILINE, RATING -> new MappingField(f.apiName(), ValueType.TEXT, f.maxLength(), null);
      case EMAIL -> new MappingField(f.apiName(), ValueType.EMAIL, 254, null);
      case PHONE -> new MappingField(f.apiName(), ValueType.PHONE, 16, null);
      case WEBSITE -> new MappingField(f.apiName(), ValueType.WEBSITE, 255, null);
      case CODE -> new MappingField(f.apiName(), ValueType.CODE, f.maxLength(), f.codeList());
      case MONEY -> new MappingField(f.apiName(), ValueType.MONEY, 64, null);
      case CAMPAIGN, USER, TEAM -> new MappingField(f.apiName(), ValueType.CAMPAIGN, 36, null);
      case COUNTRY -> new MappingField(f.apiName(), ValueType.COUNTRY, 2, null);
      case INTEGER -> new MappingField(f.apiName(), ValueType.INTEGER, 11, null);
      case TAGS, CUSTOM -> new MappingField(f.apiName(), ValueType.TAGS, LeadField.MAX_TAGS * 51, null);
    };
  }

  private static MappingField text(String name, int max) {
    return new MappingField(name, ValueType.TEXT, max, null);
  }

  private static MappingField typed(String name, ValueType type) {
    int max = switch (type) {
      case EMAIL -> 254;
      case PHONE -> 16;
      case WEBSITE -> 255;
      case COUNTRY -> 2;
      default -> 64;
    };
    return new MappingField(name, type, max, null);
  }

  private static MappingField code(String name, String list) {
    return new MappingField(name, ValueType.CODE, 50, list);
  }

  private static Map<String, List<String>> defaults() {
    Map<String, List<String>> d = new LinkedHashMap<>();
    for (String f : List.of("salutation", "firstName", "lastName", "title", "email", "mobile", "description")) {
      d.put(f, List.of("contact." + f));
    }
    d.put("phone", List.of("contact.phone", "account.phone"));
    for (String a : List.of("street", "city", "state", "postalCode", "country")) {
      d.put("address." + a, List.of("contact.address." + a, "account.address." + a));
    }
    for (String s : List.of("linkedin", "twitter", "instagram", "telegram", "whatsapp")) {
      d.put("socials." + s, List.of("contact.socials." + s));
    }
    d.put("accountName", List.of("account.name"));
    d.put("website", List.of("account.website"));
    d.put("industry", List.of("account.industry"));
    d.put("subIndustry", List.of("account.subIndustry"));
    d.put("companySize", List.of("account.companySize"));
    d.put("annualRevenue", List.of("account.annualRevenue"));
    d.put("leadSource", List.of("contact.leadSource", "account.leadSource", "opportunity.leadSource"));
    d.put("campaignId", List.of("contact.campaignId", "opportunity.campaignId"));
    d.put("opportunityAmount", List.of("opportunity.amount"));
    return Map.copyOf(d);
  }

  static String entity(String target) {
    return target.substring(0, target.indexOf('.')).toLowerCase(Locale.ROOT);
  }
}
