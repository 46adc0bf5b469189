package org.sarnakh.lead;

import java.util.Optional;
import java.util.UUID;

/** What checking a lead's input needs to know about the rest of the system. */
public interface LeadCatalog {

  /** A custom field an administrator defined. */
  record CustomFieldDefinition(String name, String type, int maxLength) {}

  boolean codeExists(String list, String code);

  /**
   * Whether the code is in the list, active or not: records that carry a lead's codes (a converted
   * contact's source, say) keep them after an administrator retires one, as leads do.
   */
  default boolean codeKnown(String list, String code) {
    return codeExists(list, code);
  }

  Optional<CustomFieldDefinition> customField(String name);

  boolean campaignExists(UUID id);

  boolean activeUser(UUID id);

  boolean teamExists(UUID id);

  /** ISO region used for phone numbers typed without a country code. */
  String defaultRegion();
}
