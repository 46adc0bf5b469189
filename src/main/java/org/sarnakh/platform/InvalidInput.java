package org.sarnakh.platform;

import java.util.List;

/** Several fields of one input were refused at once, so a form or client can show them all. */
public class InvalidInput extends RuntimeException {

  public record FieldProblem(String field, String message) {}

  private final List<FieldProblem> problems;

  public InvalidInput(List<FieldProblem> problems) {
    super(problems.isEmpty() ? "invalid input" : problems.get(0).field() + ": " + problems.get(0).message());
    this.problems = List.copyOf(problems);
  }

  public static InvalidInput of(String field, String message) {
    return new InvalidInput(List.of(new FieldProblem(field, message)));
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
