package org.sarnakh.lead;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidValue;
import org.sarnakh.platform.text.TextKeys;

/**
 * An email address, stripped and lower-cased.
 *
 * <p>The check is pragmatic, not RFC 5322: one {@code @}; a local part of at most 64 letters
 * (any script), digits, dots (not first, last or doubled) and the RFC "atext" symbols; a domain
 * of at least two labels as {@link DomainName} describes; 254 characters in all. Quoted local
 * parts, comments and IP-literal domains are refused: nobody types them into a lead form, and
 * refusing them keeps junk such as {@code "Ana <ana@example.com>"} out. Control characters,
 * even a trailing line break, are refused rather than stripped (PRODUCT.md §9).
 */
public record EmailAddress(String value) {

  private static final String FIELD = "email";
  private static final int MAX_LENGTH = 254;
  private static final int MAX_LOCAL_LENGTH = 64;
  private static final String LOCAL_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";

  public EmailAddress {
    if (value == null || value.isBlank()) {
      throw new InvalidValue(FIELD, "must not be blank");
    }
    if (TextKeys.hasForbiddenControls(value)) {
      throw InvalidValue.controlCharacters(FIELD);
    }
    value = value.strip().toLowerCase(Locale.ROOT);
    if (value.length() > MAX_LENGTH) {
      throw new InvalidValue(FIELD, "must be at most " + MAX_LENGTH + " characters");
    }
    int at = value.indexOf('@');
    if (at < 0 || at != value.lastIndexOf('@')) {
      throw new InvalidValue(FIELD, "not an email address: it needs exactly one @");
    }
    String local = value.substring(0, at);
    String domain = value.substring(at + 1);
    if (local.isEmpty() || local.length() > MAX_LOCAL_LENGTH || !isValidLocalPart(local)) {
      throw new InvalidValue(FIELD, "not an email address: the part before @ is not valid");
    }
    if (!DomainName.isValid(domain)) {
      throw new InvalidValue(FIELD, "not an email address: the domain after @ is not valid");
    }
  }

  /** Same as the constructor; reads better at call sites. */
  public static EmailAddress of(@Nullable String value) {
    return new EmailAddress(value);
  }

  private static boolean isValidLocalPart(String local) {
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return false;
    }
    return local.codePoints()
        .allMatch(
            cp ->
                cp == '.'
                    || Character.isLetterOrDigit(cp)
                    || Character.getType(cp) == Character.NON_SPACING_MARK
                    || Character.getType(cp) == Character.COMBINING_SPACING_MARK
                    || (cp < 0x80 && LOCAL_SYMBOLS.indexOf(cp) >= 0));
  }
}
