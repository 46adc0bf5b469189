package org.sarnakh.platform;

/** Well-formed input refused by a business rule: 422. */
public class RuleViolation extends RuntimeException {

  private final String type;

  public RuleViolation(String type, String message) {
    super(message);
    this.type = type;
  }

  public String type() {
    return type;
  }
}
