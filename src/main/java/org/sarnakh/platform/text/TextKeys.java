package org.sarnakh.platform.text;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.text.Normalizer;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Keys derived from what people type, so that the same word or number written with different
 * keyboards, digit systems or letter forms compares equal.
 *
 * <p>Stored values keep what the user typed; these keys only feed search and duplicate matching.
 * Every key function is idempotent: {@code searchKey(searchKey(s)).equals(searchKey(s))}.
 */
public final class TextKeys {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private static final char TATWEEL = '\u0640';
  private static final char PERSIAN_YEH = '\u06CC';
  private static final char PERSIAN_KAF = '\u06A9';
  private static final char HEH = '\u0647';
  private static final char ALEF = '\u0627';
  private static final char WAW = '\u0648';

  private TextKeys() {}

  /**
   * The key for search and duplicate matching (PRODUCT.md §6).
   *
   * <ul>
   *   <li>Unicode NFKC, so fullwidth and presentation forms become their plain letters;
   *   <li>Arabic and Persian letter forms unified: ي ى ئ → ی, ك → ک, ة ۀ → ه, أ إ آ ٱ → ا, ؤ → و;
   *   <li>tatweel and Arabic diacritics (U+064B–U+065F, U+0670) removed;
   *   <li>zero-width space, ZWNJ, ZWJ, word joiner and BOM treated as a space; other invisible
   *       format characters (bidi marks, soft hyphen) removed;
   *   <li>digits of every decimal digit system (Persian, Arabic-Indic, …) to ASCII;
   *   <li>lower case ({@link Locale#ROOT}); runs of whitespace and control characters collapsed
   *       to one space; trimmed.
   * </ul>
   *
   * @return the key, {@code ""} for {@code null}
   */
  public static String searchKey(@Nullable String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    String lower = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder mapped = new StringBuilder(lower.length());
    lower.codePoints().forEach(cp -> appendSearchForm(mapped, cp));
    // Dropping marks can leave a base letter next to a Latin combining accent; compose them again
    // so that a second pass finds nothing left to change.
    String composed = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
    return collapseSpaces(composed);
  }

  private static void appendSearchForm(StringBuilder out, int cp) {
    if (isArabicMark(cp) || cp == TATWEEL) {
      return;
    }
    if (isZeroWidthSpace(cp) || isSpace(cp)) {
      out.append(' ');
      return;
    }
    if (Character.getType(cp) == Character.FORMAT) {
      return;
    }
    if (Character.isDigit(cp)) {
      out.append((char) ('0' + Character.digit(cp, 10)));
      return;
    }
    out.appendCodePoint(unifiedLetter(cp));
  }

  private static int unifiedLetter(int cp) {
    return switch (cp) {
      case '\u064A', '\u0649', '\u0626' -> PERSIAN_YEH; // ي ى ئ
      case '\u0643' -> PERSIAN_KAF; // ك
      case '\u0629', '\u06C0' -> HEH; // ة ۀ
      case '\u0623', '\u0625', '\u0622', '\u0671' -> ALEF; // أ إ آ ٱ
      case '\u0624' -> WAW; // ؤ
      default -> cp;
    };
  }

  private static boolean isArabicMark(int cp) {
    return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670;
  }

  private static boolean isZeroWidthSpace(int cp) {
    return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp);
  }

  private static String collapseSpaces(CharSequence s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@code s} with every decimal digit of any digit system (Persian, Arabic-Indic, fullwidth, …)
   * written as its ASCII digit, everything else kept: what number parsers read.
   */
  public static String asciiDigits(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (Character.isDigit(cp)) {
        out.append((char) ('0' + Character.digit(cp, 10)));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }

  /**
   * Every decimal digit in {@code s}, of any digit system (ASCII, Persian, Arabic-Indic,
   * fullwidth, …), as ASCII digits in order; everything else dropped.
   *
   * @return the digits, {@code ""} for {@code null}
   */
  public static String digits(@Nullable String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    s.codePoints()
        .filter(Character::isDigit)
        .forEach(cp -> out.append((char) ('0' + Character.digit(cp, 10))));
    return out.toString();
  }

  /**
   * The digits by which a phone number is matched however it was typed: with or without a
   * country code, with a {@code +} or a {@code 00} international prefix, with or without the
   * national trunk prefix {@code 0}, in any digit system. {@code 09121234567},
   * {@code ۰۹۱۲۱۲۳۴۵۶۷}, {@code +989121234567}, {@code 00989121234567} and
   * {@code 0912 123 4567} all give {@code 9121234567}.
   *
   * <p>Steps: take {@link #digits}; drop a leading {@code 00}; if what remains is a valid
   * international number (country code followed by a national number, checked by
   * libphonenumber), keep only its national significant number; finally drop leading zeros, so
   * the trunk prefix goes and an Italian-style leading zero does not make the forms differ.
   *
   * <p>Digits only, with the {@code +} lost, are ambiguous: a national number that happens to
   * read as a valid number of another country (country code first) is taken as that country's.
   * The key is for finding candidates, not for proving two numbers equal.
   *
   * @return digits without leading zeros, {@code ""} when there are none
   */
  public static String phoneSearchDigits(@Nullable String s) {
    String digits = digits(s);
    if (digits.startsWith("00")) {
      digits = digits.substring(2);
    }
    String national = nationalSignificantNumber(digits);
    return stripLeadingZeros(national != null ? national : digits);
  }

  private static @Nullable String nationalSignificantNumber(String digits) {
    if (digits.isEmpty() || digits.charAt(0) == '0') {
      return null;
    }
    try {
      Phonenumber.PhoneNumber number = PHONES.parse("+" + digits, "ZZ");
      return PHONES.isValidNumber(number) ? PHONES.getNationalSignificantNumber(number) : null;
    } catch (NumberParseException notInternational) {
      return null;
    }
  }

  private static String stripLeadingZeros(String digits) {
    int i = 0;
    while (i < digits.length() && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }

  /**
   * Whether a single-line value (name, email, phone, code) holds a character PRODUCT.md §9
   * refuses: any ISO control character, tab, CR and LF included, or a bidirectional
   * override/isolate (U+202A–U+202E, U+2066–U+2069), which could make text display in an order
   * other than it is stored.
   */
  public static boolean hasForbiddenControls(@Nullable String s) {
    return s != null
        && s.codePoints().anyMatch(cp -> Character.isISOControl(cp) || isBidiOverride(cp));
  }

  /**
   * Like {@link #hasForbiddenControls}, for multi-line text such as descriptions: tab, CR and LF
   * are allowed, every other control character and every bidi override/isolate is not.
   */
  public static boolean hasForbiddenControlsMultiline(@Nullable String s) {
    return s != null
        && s.codePoints()
            .anyMatch(
                cp ->
                    (Character.isISOControl(cp) && cp != '\n' && cp != '\r' && cp != '\t')
                        || isBidiOverride(cp));
  }

  private static boolean isBidiOverride(int cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  }
}
