package org.sarnakh.lead;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.InvalidValue;
import org.sarnakh.platform.text.TextKeys;

/**
 * Reads a lead's fields from a JSON object (create, merge patch, mass update, page forms and
 * imports all come through here), normalising each value and collecting every problem at once.
 * A field mapped to {@code null} in the result is to be cleared.
 */
public final class LeadInput {

  /** Changes to apply; a null value clears the field. */
  public record Parsed(Map<LeadField, @Nullable Object> changes, Consent.@Nullable Status consent,
      @Nullable String consentSource) {}

  static final Set<String> READ_ONLY = Set.of("id", "version", "status", "deadReason", "score", "lifecycleStage",
      "createdAt", "updatedAt", "createdBy", "convertedAt", "deletedAt", "firstTouch", "lastTouch");
  static final Set<String> GROUPS = Set.of("address", "socials");
  static final long MAX_COMPANY_SIZE = 100_000_000L;

  private LeadInput() {}

  public static Parsed parse(Map<String, ?> json, LeadCatalog catalog) {
    List<FieldProblem> problems = new ArrayList<>();
    Map<LeadField, @Nullable Object> changes = new EnumMap<>(LeadField.class);
    Consent.Status consent = null;
    String consentSource = null;
    for (Map.Entry<String, ?> entry : json.entrySet()) {
      String name = entry.getKey();
      Object value = entry.getValue();
      if (GROUPS.contains(name)) {
        readGroup(name, value, catalog, changes, problems);
      } else if ("marketingConsent".equals(name)) {
        if (!(value instanceof Map<?, ?> map)) {
          problems.add(new FieldProblem(name, "an object {\"status\": \"GRANTED\"|\"DENIED\"|\"UNKNOWN\", \"source\"}"));
          continue;
        }
        for (Object key : map.keySet()) {
          if (!"status".equals(key) && !"source".equals(key)) {
            problems.add(new FieldProblem(name + "." + key, "unknown field"));
          }
        }
        try {
          consent = Consent.Status.valueOf(String.valueOf(map.get("status")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          problems.add(new FieldProblem(name + ".status", "one of GRANTED, DENIED, UNKNOWN"));
        }
        Object source = map.get("source");
        if (source != null) {
          String s = String.valueOf(source).strip();
          if (s.length() > 100 || TextKeys.hasForbiddenControls(s)) {
            problems.add(new FieldProblem(name + ".source", "at most 100 characters, no control characters"));
          }
          consentSource = s;
        }
      } else if (READ_ONLY.contains(name)) {
        problems.add(new FieldProblem(name, "read-only" + ("status".equals(name) || "deadReason".equals(name)
            ? "; change it with POST /api/v1/leads/{id}/status" : "")));
      } else {
        var field = LeadField.byApiName(name);
        if (field.isEmpty() || field.get().group().isPresent()) {
          problems.add(new FieldProblem(name, "unknown field"));
          continue;
        }
        read(field.get(), value, catalog, changes, problems);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return new Parsed(changes, consent, consentSource);
  }

  private static void readGroup(String group, @Nullable Object value, LeadCatalog catalog,
      Map<LeadField, @Nullable Object> changes, List<FieldProblem> problems) {
    if (value == null) {
      for (LeadField f : LeadField.values()) {
        if (f.group().filter(group::equals).isPresent()) {
          changes.put(f, null);
        }
      }
      return;
    }
    if (!(value instanceof Map<?, ?> map)) {
      problems.add(new FieldProblem(group, "an object"));
      return;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String name = group + "." + e.getKey();
      var field = LeadField.byApiName(name);
      if (field.isEmpty()) {
        problems.add(new FieldProblem(name, "unknown field"));
      } else {
        read(field.get(), e.getValue(), catalog, changes, problems);
      }
    }
  }

  private static void read(LeadField field, @Nullable Object value, LeadCatalog catalog,
      Map<LeadField, @Nullable Object> changes, List<FieldProblem> problems) {
    try {
      changes.put(field, value == null ? null : convert(field, value, catalog));
    } catch (InvalidValue e) {
      problems.add(new FieldProblem(e.field(), e.getMessage()));
    }
  }

  private static @Nullable Object convert(LeadField field, Object value, LeadCatalog catalog) {
    String name = field.apiName();
    return switch (field.kind()) {
      case NAME, TEXT -> text(name, value, field.maxLength(), false);
      case MULTILINE -> text(name, value, field.maxLength(), true);
      case EMAIL -> {
        String s = text(name, value, field.maxLength(), false);
        yield s == null ? null : EmailAddress.of(s).value();
      }
      case PHONE -> {
        String s = text(name, value, field.maxLength(), false);
        yield s == null ? null : PhoneNumber.parse(s, catalog.defaultRegion(), name).e164();
      }
      case WEBSITE -> {
        String s = text(name, value, field.maxLength(), false);
        if (s != null) {
          Website.host(s);
        }
        yield s;
      }
      case CODE -> {
        String s = text(name, value, field.maxLength(), false);
        if (s == null) {
          yield null;
        }
        String code = s.toLowerCase(Locale.ROOT);
        if (!catalog.codeExists(field.codeList(), code)) {
          throw new InvalidValue(name, "unknown code '" + s + "'; see /api/v1/settings/" + listPath(field.codeList()));
        }
        yield code;
      }
      case RATING -> {
        String s = text(name, value, field.maxLength(), false);
        if (s == null) {
          yield null;
        }
        String r = s.toUpperCase(Locale.ROOT);
        if (!Set.of("HOT", "WARM", "COLD").contains(r)) {
          throw new InvalidValue(name, "one of HOT, WARM, COLD");
        }
        yield r;
      }
      case MONEY -> {
        if (!(value instanceof Map<?, ?> map)) {
          throw new InvalidValue(name, "an object {\"amount\": \"1500000\", \"currency\": \"IRR\"}");
        }
        for (Object key : map.keySet()) {
          if (!"amount".equals(key) && !"currency".equals(key)) {
            throw new InvalidValue(name + "." + key, "unknown field");
          }
        }
        Object amount = map.get("amount");
        Object currency = map.get("currency");
        if (amount == null) {
          throw new InvalidValue(name + ".amount", "required");
        }
        if (currency == null) {
          throw new InvalidValue(name + ".currency", "required");
        }
        if (!(amount instanceof String || amount instanceof Number) || !(currency instanceof String)) {
          throw new InvalidValue(name, "amount is a decimal string and currency an ISO 4217 code");
        }
        yield Money.of(amount instanceof BigDecimal b ? b.toPlainString() : String.valueOf(amount), (String) currency, name);
      }
      case CAMPAIGN, USER, TEAM -> {
        UUID id = uuid(name, value);
        boolean exists = switch (field.kind()) {
          case CAMPAIGN -> catalog.campaignExists(id);
          case USER -> catalog.activeUser(id);
          default -> catalog.teamExists(id);
        };
        if (!exists) {
          throw new InvalidValue(name, field.kind() == LeadField.Kind.USER ? "unknown or inactive user" : "unknown "
              + field.kind().name().toLowerCase(Locale.ROOT));
        }
        yield id;
      }
      case COUNTRY -> {
        String s = text(name, value, 100, false);
        yield s == null ? null : CountryCode.normalise(s, name);
      }
      case INTEGER -> {
        long n = integer(name, value);
        if (n < 0 || n > MAX_COMPANY_SIZE) {
          throw new InvalidValue(name, "between 0 and " + MAX_COMPANY_SIZE);
        }
        yield (int) n;
      }
      case TAGS -> tags(name, value, field.maxLength());
      case CUSTOM -> custom(name, value, catalog);
    };
  }

  static String listPath(String codeList) {
    return switch (codeList) {
      case "lead_source" -> "lead-sources";
      case "sub_industry" -> "sub-industries";
      case "lost_reason" -> "lost-reasons";
      default -> codeList + "s";
    };
  }

  private static @Nullable String text(String name, Object value, int max, boolean multiline) {
    if (!(value instanceof String s)) {
      throw new InvalidValue(name, "a string");
    }
    String v = s.strip();
    if (v.isEmpty()) {
      return null;
    }
    if (multiline ? TextKeys.hasForbiddenControlsMultiline(v) : TextKeys.hasForbiddenControls(v)) {
      throw new InvalidValue(name, "contains control or bidirectional-override characters");
    }
    if (v.codePointCount(0, v.length()) > max) {
      throw new InvalidValue(name, "at most " + max + " characters");
    }
    return v;
  }

  private static UUID uuid(String name, Object value) {
    if (value instanceof String s) {
      try {
        return UUID.fromString(s.strip());
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    throw new InvalidValue(name, "a UUID");
  }

  private static long integer(String name, Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger b && b.bitLength() < 63) {
      return b.longValue();
    }
    if (value instanceof String s) {
      String d = TextKeys.digits(s);
      if (!d.isEmpty() && d.length() <= 12 && d.length() == s.strip().length()) {
        return Long.parseLong(d);
      }
    }
    throw new InvalidValue(name, "a whole number");
  }

  private static List<String> tags(String name, Object value, int max) {
    if (!(value instanceof List<?> list)) {
      throw new InvalidValue(name, "an array of strings");
    }
    if (list.size() > LeadField.MAX_TAGS) {
      throw new InvalidValue(name, "at most " + LeadField.MAX_TAGS + " tags");
    }
    Map<String, String> byKey = new TreeMap<>();
    for (Object item : list) {
      String tag = item == null ? null : text(name, item, max, false);
      if (tag == null) {
        throw new InvalidValue(name, "tags are non-empty strings of at most " + max + " characters");
      }
      byKey.putIfAbsent(TextKeys.searchKey(tag), tag);
    }
    return List.copyOf(byKey.values());
  }

  private static Map<String, String> custom(String name, Object value, LeadCatalog catalog) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidValue(name, "an object of custom field values");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
      String key = String.valueOf(e.getKey());
      var def = catalog.customField(key);
      if (def.isEmpty()) {
        throw new InvalidValue(name + "." + key, "unknown custom field; define it in /api/v1/settings/custom-fields");
      }
      if (e.getValue() == null) {
        continue;
      }
      Object v = e.getValue();
      String s = switch (def.get().type()) {
        case "NUMBER" -> {
          if (!(v instanceof Number) && !(v instanceof String str && str.strip().matches("-?[0-9]+(\\.[0-9]+)?"))) {
            throw new InvalidValue(name + "." + key, "a number");
          }
          yield new BigDecimal(String.valueOf(v).strip()).toPlainString();
        }
        case "BOOLEAN" -> {
          if (!(v instanceof Boolean)) {
            throw new InvalidValue(name + "." + key, "true or false");
          }
          yield v.toString();
        }
        default -> text(name + "." + key, v instanceof String ? v : String.valueOf(v), def.get().maxLength(), false);
      };
      if (s != null) {
        out.put(key, s);
      }
    }
    return out;
  }
}
