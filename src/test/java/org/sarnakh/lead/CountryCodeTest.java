package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sarnakh.platform.InvalidValue;

class CountryCodeTest {

  private static final String FIELD = "address.country";

  @ParameterizedTest
  @CsvSource({"ir, IR", "IR, IR", " de , DE", "Gb, GB", "ＩＲ, IR"})
  void alpha2IsUpperCased(String typed, String code) {
    assertThat(CountryCode.normalise(typed, FIELD)).isEqualTo(code);
  }

  @ParameterizedTest
  @CsvSource({"IRN, IR", "irq, IQ", "USA, US", "GBR, GB", "ARE, AE", "DEU, DE"})
  void alpha3BecomesAlpha2(String typed, String code) {
    assertThat(CountryCode.normalise(typed, FIELD)).isEqualTo(code);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "Iran, IR", "ایران, IR", "إيران, IR", "Persia, IR",
    "Iraq, IQ", "عراق, IQ", "العراق, IQ",
    "Afghanistan, AF", "افغانستان, AF", "أفغانستان, AF",
    "United Arab Emirates, AE", "UAE, AE", "امارات, AE", "امارات متحده عربی, AE", "الإمارات, AE",
    "الإمارات العربية المتحدة, AE",
    "Saudi Arabia, SA", "عربستان, SA", "عربستان سعودی, SA", "السعودية, SA",
    "Turkey, TR", "Türkiye, TR", "Turkiye, TR", "ترکیه, TR", "تركيا, TR",
    "Germany, DE", "آلمان, DE", "ألمانيا, DE",
    "United States, US", "United States of America, US", "U.S.A., US", "آمریکا, US",
    "امریکا, US", "ایالات متحده آمریکا, US", "الولايات المتحدة, US",
    "United Kingdom, GB", "UK, GB", "Great Britain, GB", "England, GB", "انگلستان, GB",
    "بریتانیا, GB", "المملكة المتحدة, GB",
    "Qatar, QA", "قطر, QA", "Oman, OM", "عمان, OM", "عُمان, OM", "Kuwait, KW", "کویت, KW",
    "الكويت, KW", "Bahrain, BH", "بحرین, BH", "البحرين, BH", "Egypt, EG", "مصر, EG",
    "Jordan, JO", "اردن, JO", "الأردن, JO", "Lebanon, LB", "لبنان, LB", "Syria, SY", "سوریه, SY",
    "سوريا, SY", "Pakistan, PK", "پاکستان, PK", "باكستان, PK", "India, IN", "هند, IN",
    "الهند, IN", "China, CN", "چین, CN", "الصين, CN", "Russia, RU", "روسیه, RU", "روسيا, RU",
    "France, FR", "فرانسه, FR", "فرنسا, FR", "Canada, CA", "کانادا, CA", "كندا, CA",
    "Tajikistan, TJ", "تاجیکستان, TJ", "طاجيكستان, TJ", "Armenia, AM", "ارمنستان, AM",
    "أرمينيا, AM", "Azerbaijan, AZ", "آذربایجان, AZ", "أذربيجان, AZ",
    "Turkmenistan, TM", "ترکمنستان, TM", "Georgia, GE", "گرجستان, GE", "Netherlands, NL",
    "هلند, NL", "Holland, NL", "Italy, IT", "ایتالیا, IT", "Japan, JP", "ژاپن, JP",
    "South Korea, KR", "کره جنوبی, KR", "Australia, AU", "استرالیا, AU"
  })
  void englishPersianAndArabicNamesAreRecognised(String typed, String code) {
    assertThat(CountryCode.normalise(typed, FIELD)).isEqualTo(code);
  }

  @Test
  void arabicLetterVariantsOfPersianNamesMatch() {
    assertThat(CountryCode.normalise("ايران", FIELD)).isEqualTo("IR");
    assertThat(CountryCode.normalise("كويت", FIELD)).isEqualTo("KW");
    assertThat(CountryCode.normalise("تركيه", FIELD)).isEqualTo("TR");
    assertThat(CountryCode.normalise("امارات\u200Cمتحده\u200Cعربی", FIELD)).isEqualTo("AE");
  }

  @Test
  void namesIgnoreCaseSpacingAndLatinAccents() {
    assertThat(CountryCode.normalise("  united   KINGDOM ", FIELD)).isEqualTo("GB");
    assertThat(CountryCode.normalise("Cote d'Ivoire", FIELD)).isEqualTo("CI");
    assertThat(CountryCode.normalise("Côte d’Ivoire", FIELD)).isEqualTo("CI");
  }

  @Test
  void namesFromTheJdkLocaleDataAreRecognisedBeyondTheAliasList() {
    assertThat(CountryCode.normalise("New Zealand", FIELD)).isEqualTo("NZ");
    assertThat(CountryCode.normalise("نیوزیلند", FIELD)).isEqualTo("NZ");
    assertThat(CountryCode.normalise("Brazil", FIELD)).isEqualTo("BR");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Atlantis", "XX", "ZZZ", "Persian Gulf", "12", "ایرانیان"})
  void unknownCountryIsRefusedNamingTheField(String typed) {
    assertThatThrownBy(() -> CountryCode.normalise(typed, FIELD))
        .isInstanceOfSatisfying(
            InvalidValue.class,
            e -> {
              assertThat(e.field()).isEqualTo(FIELD);
              assertThat(e.getMessage()).isEqualTo("unknown country: \"" + typed + "\"");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void blankIsRefused(String typed) {
    assertThatThrownBy(() -> CountryCode.normalise(typed, FIELD))
        .isInstanceOf(InvalidValue.class)
        .hasMessage("must not be blank");
  }

  @Test
  void nullIsRefused() {
    assertThatThrownBy(() -> CountryCode.normalise(null, FIELD))
        .isInstanceOf(InvalidValue.class)
        .hasMessage("must not be blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {"I\u0000R", "IR\n", "\u202EIR"})
  void controlAndBidiOverrideCharactersAreRefused(String typed) {
    assertThatThrownBy(() -> CountryCode.normalise(typed, FIELD))
        .isInstanceOf(InvalidValue.class)
        .hasMessageContaining("control");
  }
}
