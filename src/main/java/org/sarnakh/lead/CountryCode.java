package org.sarnakh.lead;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidValue;
import org.sarnakh.platform.text.TextKeys;

/**
 * Reads a country as people write it into an ISO 3166 alpha-2 code, the form a lead's
 * {@code address.country} is stored in.
 *
 * <p>Accepted: alpha-2 ({@code ir}), alpha-3 ({@code IRN}), the English, Persian and Arabic
 * names the JDK's locale data gives for every ISO country, and the usual short and informal names
 * of the countries Sarnakh's users deal with most ({@code UAE}, {@code امارات},
 * {@code عربستان}, {@code UK}, {@code آمریکا}, …). Names compare by {@link TextKeys#searchKey}
 * with Latin accents, dots and apostrophes dropped, so {@code ايران} (Arabic yeh),
 * {@code Turkiye} and {@code U.S.A.} all match.
 */
public final class CountryCode {

  /** Alpha-2 code, then the names people use for it in English, Persian and Arabic. */
  private static final String[][] ALIASES = {
    {"IR", "Iran", "Persia", "Islamic Republic of Iran", "ایران", "جمهوری اسلامی ایران", "إيران"},
    {"IQ", "Iraq", "عراق", "العراق"},
    {"AF", "Afghanistan", "افغانستان", "أفغانستان"},
    {"AE", "UAE", "United Arab Emirates", "Emirates", "امارات", "امارات متحده عربی",
      "الإمارات", "الإمارات العربية المتحدة"},
    {"SA", "Saudi Arabia", "Saudi", "KSA", "عربستان", "عربستان سعودی", "السعودية",
      "المملكة العربية السعودية"},
    {"TR", "Turkey", "Türkiye", "ترکیه", "تركيا"},
    {"DE", "Germany", "آلمان", "ألمانيا"},
    {"US", "USA", "America", "United States", "United States of America", "آمریکا",
      "ایالات متحده", "ایالات متحده آمریکا", "الولايات المتحدة", "الولايات المتحدة الأمريكية",
      "أمريكا"},
    {"GB", "UK", "United Kingdom", "Britain", "Great Britain", "England", "انگلستان", "انگلیس",
      "بریتانیا", "المملكة المتحدة", "بريطانيا", "إنجلترا"},
    {"QA", "Qatar", "قطر"},
    {"OM", "Oman", "عمان", "سلطنة عمان"},
    {"KW", "Kuwait", "کویت", "الكويت"},
    {"BH", "Bahrain", "بحرین", "البحرين"},
    {"EG", "Egypt", "مصر"},
    {"JO", "Jordan", "اردن", "الأردن"},
    {"LB", "Lebanon", "لبنان"},
    {"SY", "Syria", "سوریه", "سوريا", "سورية"},
    {"PK", "Pakistan", "پاکستان", "باكستان"},
    {"IN", "India", "هند", "هندوستان", "الهند"},
    {"CN", "China", "چین", "الصين"},
    {"RU", "Russia", "Russian Federation", "روسیه", "روسيا"},
    {"FR", "France", "فرانسه", "فرنسا"},
    {"CA", "Canada", "کانادا", "كندا"},
    {"TJ", "Tajikistan", "تاجیکستان", "طاجيكستان"},
    {"AM", "Armenia", "ارمنستان", "أرمينيا"},
    {"AZ", "Azerbaijan", "آذربایجان", "جمهوری آذربایجان", "أذربيجان"},
    {"TM", "Turkmenistan", "ترکمنستان", "تركمانستان"},
    {"UZ", "Uzbekistan", "ازبکستان", "أوزبكستان"},
    {"KZ", "Kazakhstan", "قزاقستان", "كازاخستان"},
    {"GE", "Georgia", "گرجستان", "جورجيا"},
    {"YE", "Yemen", "یمن", "اليمن"},
    {"PS", "Palestine", "فلسطین", "فلسطين"},
    {"MA", "Morocco", "مراکش", "المغرب"},
    {"DZ", "Algeria", "الجزایر", "الجزائر"},
    {"TN", "Tunisia", "تونس"},
    {"LY", "Libya", "لیبی", "ليبيا"},
    {"SD", "Sudan", "سودان", "السودان"},
    {"NL", "Netherlands", "Holland", "هلند", "هولندا"},
    {"IT", "Italy", "ایتالیا", "إيطاليا"},
    {"ES", "Spain", "اسپانیا", "إسبانيا"},
    {"SE", "Sweden", "سوئد", "السويد"},
    {"CH", "Switzerland", "سوئیس", "سويسرا"},
    {"AT", "Austria", "اتریش", "النمسا"},
    {"BE", "Belgium", "بلژیک", "بلجيكا"},
    {"NO", "Norway", "نروژ", "النرويج"},
    {"DK", "Denmark", "دانمارک", "الدنمارك"},
    {"GR", "Greece", "یونان", "اليونان"},
    {"CY", "Cyprus", "قبرس", "قبرص"},
    {"AU", "Australia", "استرالیا", "أستراليا"},
    {"JP", "Japan", "ژاپن", "اليابان"},
    {"KR", "South Korea", "Korea", "کره جنوبی", "كوريا الجنوبية"},
    {"MY", "Malaysia", "مالزی", "ماليزيا"},
    {"ID", "Indonesia", "اندونزی", "إندونيسيا"},
  };

  private static final Set<String> ALPHA2 = Set.of(Locale.getISOCountries());
  private static final Map<String, String> ALPHA3_TO_ALPHA2 = alpha3Codes();
  private static final Map<String, String> NAMES = names();

  private CountryCode() {}

  /**
   * @param field the API field errors name (e.g. {@code "address.country"})
   * @return the upper-case alpha-2 code
   * @throws InvalidValue naming {@code field} when blank, holding control characters, or unknown
   */
  public static String normalise(@Nullable String input, String field) {
    if (input == null || input.isBlank()) {
      throw new InvalidValue(field, "must not be blank");
    }
    if (TextKeys.hasForbiddenControls(input)) {
      throw InvalidValue.controlCharacters(field);
    }
    String key = nameKey(input);
    String upper = key.toUpperCase(Locale.ROOT);
    if (key.matches("[a-z]{2}") && ALPHA2.contains(upper)) {
      return upper;
    }
    if (key.matches("[a-z]{3}") && ALPHA3_TO_ALPHA2.containsKey(upper)) {
      return ALPHA3_TO_ALPHA2.get(upper);
    }
    String byName = NAMES.get(key);
    if (byName == null) {
      throw new InvalidValue(field, "unknown country: " + InvalidValue.quoted(input.strip()));
    }
    return byName;
  }

  static String nameKey(String name) {
    String decomposed = Normalizer.normalize(TextKeys.searchKey(name), Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    decomposed
        .codePoints()
        .forEach(
            cp -> {
              if (cp == '.' || cp == '\'' || cp == '\u2019'
                  || Character.getType(cp) == Character.NON_SPACING_MARK) {
                return;
              }
              boolean separator = cp == '-' || cp == ',' || cp == '(' || cp == ')' || cp == '&';
              out.appendCodePoint(separator ? ' ' : cp);
            });
    return TextKeys.searchKey(out.toString());
  }

  private static Map<String, String> alpha3Codes() {
    Map<String, String> codes = new HashMap<>();
    for (String alpha2 : ALPHA2) {
      codes.put(new Locale("", alpha2).getISO3Country(), alpha2);
    }
    return Map.copyOf(codes);
  }

  /** Locale display names first, then the hand-written aliases, which win. */
  private static Map<String, String> names() {
    Map<String, String> names = new HashMap<>();
    for (Locale language : List.of(Locale.ENGLISH, new Locale("fa"), new Locale("ar"))) {
      for (String alpha2 : ALPHA2) {
        names.putIfAbsent(nameKey(new Locale("", alpha2).getDisplayCountry(language)), alpha2);
      }
    }
    Map<String, String> aliases = new HashMap<>();
    for (String[] row : ALIASES) {
      for (String alias : Arrays.asList(row).subList(1, row.length)) {
        String earlier = aliases.put(nameKey(alias), row[0]);
        if (earlier != null && !earlier.equals(row[0])) {
          throw new IllegalStateException(
              "alias " + alias + " names both " + earlier + " and " + row[0]);
        }
      }
    }
    names.putAll(aliases);
    return Map.copyOf(names);
  }
}
