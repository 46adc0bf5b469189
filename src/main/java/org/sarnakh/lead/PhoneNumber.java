package org.sarnakh.lead;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidValue;
import org.sarnakh.platform.text.TextKeys;

/** A phone number in E.164 form ({@code +989121234567}), the only form Sarnakh stores. */
public record PhoneNumber(String e164) {

  /** "+" and seven digits. */
  static final int MIN_E164_LENGTH = 8;

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

  public PhoneNumber {
    if (e164 == null || !E164.matcher(e164).matches()) {
      throw new InvalidValue("phone", "not a phone number in E.164 form");
    }
  }

  /**
   * Reads a phone number as people type it: digits of any system (Persian, Arabic-Indic, …),
   * spaces, dashes, dots, slashes and parentheses between them, and an international prefix
   * written {@code +} or {@code 00}. A number without one is read as a national number of
   * {@code defaultRegion}.
   *
   * Fullwidth forms are read as their ASCII counterparts.
   *
   * <p>Letters are refused, so neither an extension ({@code ext. 12}) nor surrounding text is
   * silently dropped; the number must be valid for its country by libphonenumber's metadata, not
   * merely of plausible length.
   *
   * @param defaultRegion ISO 3166 alpha-2 region for national numbers (e.g. {@code "IR"})
   * @param field the API field name that errors carry (e.g. {@code "mobile"})
   * @throws InvalidValue naming {@code field}, when blank, holding control characters or letters,
   *     or not a valid number
   */
  public static PhoneNumber parse(@Nullable String raw, String defaultRegion, String field) {
    String region = defaultRegion.toUpperCase(Locale.ROOT);
    if (!PHONES.getSupportedRegions().contains(region)) {
      throw new IllegalArgumentException("unsupported default region: " + defaultRegion);
    }
    if (raw == null || raw.isBlank()) {
      throw new InvalidValue(field, "must not be blank");
    }
    if (TextKeys.hasForbiddenControls(raw)) {
      throw InvalidValue.controlCharacters(field);
    }
    String typed = org.sarnakh.platform.text.TextKeys.asciiDigits(Normalizer.normalize(raw, Normalizer.Form.NFKC).strip());
    if (!hasOnlyPhoneCharacters(typed)) {
      throw new InvalidValue(
          field, "not a valid phone number: only digits, spaces, + - . / ( ) are allowed");
    }
    int firstDigit = firstDigitIndex(typed);
    if (typed.indexOf('+') < 0 && typed.startsWith("00", firstDigit)) {
      typed = typed.substring(0, firstDigit) + "+" + typed.substring(firstDigit + 2);
    }
    String invalid = "not a valid phone number for region " + region;
    try {
      Phonenumber.PhoneNumber number = PHONES.parse(typed, region);
      String e164 = PHONES.format(number, PhoneNumberFormat.E164);
      // Metadata also accepts service short numbers (Iran's +98 9601…); a person's number has at
      // least seven digits with its country code, as the shortest national plans have.
      if (!PHONES.isValidNumber(number) || e164.length() < MIN_E164_LENGTH) {
        throw new InvalidValue(field, invalid);
      }
      return new PhoneNumber(e164);
    } catch (NumberParseException unparsable) {
      throw new InvalidValue(field, invalid);
    }
  }


  private static int firstDigitIndex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        return i;
      }
    }
    return s.length();
  }

  /** Digits and separators, with at most one {@code +} and no digit before it. */
  private static boolean hasOnlyPhoneCharacters(String s) {
    boolean digitSeen = false;
    boolean plusSeen = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digitSeen = true;
      } else if (c == '+') {
        if (digitSeen || plusSeen) {
          return false;
        }
        plusSeen = true;
      } else if (!isSeparator(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSeparator(char c) {
    return Character.isSpaceChar(c)
        || Character.getType(c) == Character.DASH_PUNCTUATION
        || c == '.'
        || c == '/'
        || c == '('
        || c == ')';
  }
}
