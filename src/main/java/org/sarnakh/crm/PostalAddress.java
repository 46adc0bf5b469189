package org.sarnakh.crm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Where a contact or an account is; {@code country} is ISO 3166 alpha-2. */
public record PostalAddress(@Nullable String street, @Nullable String city, @Nullable String state,
    @Nullable String postalCode, @Nullable String country) {

  static final Set<String> KEYS = Set.of("street", "city", "state", "postalCode", "country");

  public static final PostalAddress NONE = new PostalAddress(null, null, null, null, null);

  /** As the API shows it: only the parts that are set. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    putIf(m, "street", street);
    putIf(m, "city", city);
    putIf(m, "state", state);
    putIf(m, "postalCode", postalCode);
    putIf(m, "country", country);
    return m;
  }

  static void putIf(Map<String, Object> m, String key, @Nullable Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  static void putIfText(Map<String, String> m, String key, @Nullable String value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  static PostalAddress read(Fields f) {
    Fields g = f.group("address", KEYS);
    String country = g.text("address.country", 100, false);
    return new PostalAddress(g.text("address.street", 300, false), g.text("address.city", 100, false),
        g.text("address.state", 100, false), g.text("address.postalCode", 20, false),
        country == null ? null : g.value(() -> org.sarnakh.lead.CountryCode.normalise(country, "address.country")));
  }
}
