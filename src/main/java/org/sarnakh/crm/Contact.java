package org.sarnakh.crm;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A person at an account; a converted lead's person keeps the lead's id as {@code originLeadId}. */
public record Contact(UUID id, long version, @Nullable String salutation, @Nullable String firstName,
    @Nullable String lastName, @Nullable String email, @Nullable String phone, @Nullable String mobile,
    @Nullable String title, @Nullable UUID accountId, @Nullable UUID ownerId, PostalAddress address,
    Map<String, String> socials, @Nullable String description, Map<String, String> customFields,
    @Nullable String leadSource, @Nullable UUID campaignId, @Nullable UUID originLeadId, @Nullable String notes,
    Instant createdAt) {

  public String displayName() {
    String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
    return name.isEmpty() ? (email != null ? email : id.toString()) : name;
  }

  /** The editable fields by API name, as a create or a merge patch takes them; unset ones left out. */
  public Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    PostalAddress.putIf(m, "salutation", salutation);
    PostalAddress.putIf(m, "firstName", firstName);
    PostalAddress.putIf(m, "lastName", lastName);
    PostalAddress.putIf(m, "email", email);
    PostalAddress.putIf(m, "phone", phone);
    PostalAddress.putIf(m, "mobile", mobile);
    PostalAddress.putIf(m, "title", title);
    PostalAddress.putIf(m, "accountId", accountId == null ? null : accountId.toString());
    PostalAddress.putIf(m, "ownerId", ownerId == null ? null : ownerId.toString());
    if (!address.asMap().isEmpty()) {
      m.put("address", address.asMap());
    }
    if (!socials.isEmpty()) {
      m.put("socials", new LinkedHashMap<>(socials));
    }
    PostalAddress.putIf(m, "description", description);
    if (!customFields.isEmpty()) {
      m.put("customFields", new LinkedHashMap<>(customFields));
    }
    PostalAddress.putIf(m, "leadSource", leadSource);
    PostalAddress.putIf(m, "campaignId", campaignId == null ? null : campaignId.toString());
    return m;
  }
}
