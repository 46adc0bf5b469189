package org.sarnakh.platform;

import java.util.Objects;

/**
 * A value from outside (API body, form, import cell) that a domain value refused.
 *
 * <p>The web edge turns it into a 400 problem detail naming {@link #field()}, and imports write
 * it as one row of the error report, so the message must make sense to the person who typed the
 * value.
 */
public class InvalidValue extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private static final int QUOTE_LIMIT = 40;

  private final String field;

  public InvalidValue(String field, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.field = Objects.requireNonNull(field, "field");
  }

  /** The one wording for a value refused by {@code TextKeys.hasForbiddenControls}. */
  public static InvalidValue controlCharacters(String field) {
    return new InvalidValue(
        field, "must not contain control or bidirectional override characters");
  }

  /**
   * The typed value in quotes for a message, cut to 40 characters so that a hostile megabyte
   * does not travel back in the error.
   */
  public static String quoted(String typed) {
    if (typed.codePointCount(0, typed.length()) <= QUOTE_LIMIT) {
      return '"' + typed + '"';
    }
    String shown = typed.substring(0, typed.offsetByCodePoints(0, QUOTE_LIMIT)) + "…";
    return '"' + shown + '"';
  }

  /** The API name of the refused field, dotted when nested (e.g. {@code address.country}). */
  public String field() {
    return field;
  }
}
