package org.sarnakh.lead;

import java.util.UUID;

/**
 * A stored record that shares a key with a lead being written: a lead or a contact, which key
 * matched, and how to name it to the person deciding.
 */
public record DuplicateMatch(Kind kind, UUID id, String matchedOn, String name) {

  public enum Kind { LEAD, CONTACT }
}
