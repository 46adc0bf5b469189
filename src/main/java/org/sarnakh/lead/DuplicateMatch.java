package org.sarnakh.lead;

import java.util.Map;
import java.util.UUID;

/**
 * A stored record that shares a key with a lead being written: a lead or a contact, which key
 * matched, and how to name it to the person deciding.
 */
public record DuplicateMatch(Kind kind, UUID id, String matchedOn, String name) {

  public enum Kind { LEAD, CONTACT }

  /** As problem details and batch results show it. */
  public Map<String, Object> asMap() {
    return Map.of("kind", kind.name(), "id", id.toString(), "matchedOn", matchedOn, "name", name);
  }
}
