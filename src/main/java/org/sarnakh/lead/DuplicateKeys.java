package org.sarnakh.lead;

import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What makes two records the same person for the duplicate guard: the normalised email, the E.164
 * phone numbers (phone and mobile alike), the external id. Values are already normalised by the
 * lead's value types, so matching is exact.
 */
public record DuplicateKeys(@Nullable String email, Set<String> phones, @Nullable String externalId) {

  public DuplicateKeys {
    phones = Set.copyOf(phones);
  }

  public static DuplicateKeys of(Lead lead) {
    Set<String> phones = new LinkedHashSet<>();
    addIfPresent(phones, lead.text(LeadField.PHONE));
    addIfPresent(phones, lead.text(LeadField.MOBILE));
    return new DuplicateKeys(lead.text(LeadField.EMAIL), phones, lead.text(LeadField.EXTERNAL_ID));
  }

  /** Only the keys a caller chose to match by ({@code email}, {@code phone}, {@code externalId}). */
  public DuplicateKeys only(Set<String> matchBy) {
    return new DuplicateKeys(matchBy.contains("email") ? email : null, matchBy.contains("phone") ? phones : Set.of(),
        matchBy.contains("externalId") ? externalId : null);
  }

  /** The keys of both, as one set of keys: what a record known by either holds. */
  public DuplicateKeys union(DuplicateKeys other) {
    Set<String> all = new LinkedHashSet<>(phones);
    all.addAll(other.phones);
    return new DuplicateKeys(email != null ? email : other.email, all,
        externalId != null ? externalId : other.externalId);
  }

  /** Whether the two share an email, a phone number or an external id. */
  public boolean sharesAKeyWith(DuplicateKeys other) {
    return matchedOn(other) != null;
  }

  /** The first key the two share ({@code email}, {@code phone}, {@code externalId}), or null. */
  public @Nullable String matchedOn(DuplicateKeys other) {
    if (email != null && email.equals(other.email)) {
      return "email";
    }
    for (String p : phones) {
      if (other.phones.contains(p)) {
        return "phone";
      }
    }
    if (externalId != null && externalId.equals(other.externalId)) {
      return "externalId";
    }
    return null;
  }

  public boolean isEmpty() {
    return email == null && phones.isEmpty() && externalId == null;
  }

  private static void addIfPresent(Set<String> phones, @Nullable String phone) {
    if (phone != null) {
      phones.add(phone);
    }
  }
}
