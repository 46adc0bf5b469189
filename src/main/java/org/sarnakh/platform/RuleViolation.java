package org.sarnakh.platform;

import java.util.List;

/** Well-formed input refused by a business rule: 422, naming the fields refused when there are some. */
public class RuleViolation extends RuntimeException {

  private final String type;
  private final List<InvalidInput.FieldProblem> problems;

  public RuleViolation(String type, String message) {
    this(type, message, List.of());
  }

  public RuleViolation(String type, String message, List<InvalidInput.FieldProblem> problems) {
    super(message);
    this.type = type;
    this.problems = List.copyOf(problems);
  }

  public String type() {
    return type;
  }

  /** The fields refused and why, shown as the problem's {@code errors}; empty when the rule names none. */
  public List<InvalidInput.FieldProblem> problems() {
    return problems;
  }
}
