package org.sarnakh.platform;

import java.util.Map;

/** The request is valid but conflicts with the current state (an illegal transition, a duplicate): 409. */
public class DomainConflict extends RuntimeException {

  private final String type;

  public DomainConflict(String type, String message) {
    super(message);
    this.type = type;
  }

  /** Short stable name of the conflict, used in the problem's {@code type} URI. */
  public String type() {
    return type;
  }

  /** Further members of the problem detail (e.g. the records a duplicate matched); none by default. */
  public Map<String, Object> properties() {
    return Map.of();
  }
}
