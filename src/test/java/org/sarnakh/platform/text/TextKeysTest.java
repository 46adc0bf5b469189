package org.sarnakh.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextKeysTest {

  @Test
  void persianAndArabicYehMatch() {
    assertThat(TextKeys.searchKey("علي")).isEqualTo(TextKeys.searchKey("علی")).isEqualTo("علی");
  }

  @Test
  void alefMaksuraAndYehWithHamzaBecomePersianYeh() {
    assertThat(TextKeys.searchKey("مصطفى")).isEqualTo("مصطفی");
    assertThat(TextKeys.searchKey("رئيس")).isEqualTo("رییس");
  }

  @Test
  void arabicKafBecomesPersianKaf() {
    assertThat(TextKeys.searchKey("كامران")).isEqualTo("کامران");
  }

  @Test
  void tehMarbutaAndHehWithYehBecomeHeh() {
    assertThat(TextKeys.searchKey("فاطمة")).isEqualTo("فاطمه");
    assertThat(TextKeys.searchKey("خانۀ")).isEqualTo("خانه");
  }

  @Test
  void alefFormsBecomePlainAlef() {
    assertThat(TextKeys.searchKey("أحمد")).isEqualTo("احمد");
    assertThat(TextKeys.searchKey("إسلام")).isEqualTo("اسلام");
    assertThat(TextKeys.searchKey("آرش")).isEqualTo("ارش");
    assertThat(TextKeys.searchKey("ٱلله")).isEqualTo("الله");
  }

  @Test
  void decomposedAlefWithMaddaAlsoBecomesPlainAlef() {
    assertThat(TextKeys.searchKey("\u0627\u0653رش")).isEqualTo("ارش");
  }

  @Test
  void wawWithHamzaBecomesWaw() {
    assertThat(TextKeys.searchKey("مؤمن")).isEqualTo("مومن");
  }

  @Test
  void tatweelIsRemoved() {
    assertThat(TextKeys.searchKey("محـــمد")).isEqualTo("محمد");
  }

  @Test
  void arabicDiacriticsAreRemoved() {
    assertThat(TextKeys.searchKey("مُحَمَّد")).isEqualTo("محمد");
    assertThat(TextKeys.searchKey("هٰذا")).isEqualTo("هذا");
  }

  @Test
  void zwnjSeparatesWordsLikeASpace() {
    assertThat(TextKeys.searchKey("می\u200Cروم")).isEqualTo("می روم");
    assertThat(TextKeys.searchKey("می روم")).isEqualTo("می روم");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u200B", "\u200D", "\u2060", "\uFEFF"})
  void otherZeroWidthCharactersSeparateWordsLikeASpace(String zeroWidth) {
    assertThat(TextKeys.searchKey("ab" + zeroWidth + "cd")).isEqualTo("ab cd");
  }

  @Test
  void bidiMarksAndSoftHyphensVanish() {
    assertThat(TextKeys.searchKey("\u200Fسارا\u200E")).isEqualTo("سارا");
    assertThat(TextKeys.searchKey("Sar\u00ADnakh")).isEqualTo("sarnakh");
  }

  @Test
  void persianAndArabicIndicDigitsBecomeAscii() {
    assertThat(TextKeys.searchKey("پلاک ۱۲۳ و ٤٥٦")).isEqualTo("پلاک 123 و 456");
  }

  @Test
  void fullwidthLettersAndDigitsBecomeAscii() {
    assertThat(TextKeys.searchKey("ＡＣＭＥ　１２")).isEqualTo("acme 12");
  }

  @Test
  void arabicPresentationFormsBecomeBaseLetters() {
    // Initial and final presentation forms, as some legacy systems store Arabic script.
    assertThat(TextKeys.searchKey("\uFEE3\uFEEE\uFEB3\uFEF0")).isEqualTo("موسی");
  }

  @Test
  void caseIsFoldedWithoutTurkishLocaleSurprises() {
    assertThat(TextKeys.searchKey("INFO Ana")).isEqualTo("info ana");
  }

  @Test
  void whitespaceRunsCollapseAndEdgesAreTrimmed() {
    assertThat(TextKeys.searchKey("  Ana \t\n  Silva\u00A0 ")).isEqualTo("ana silva");
  }

  @Test
  void nullGivesEmptyKey() {
    assertThat(TextKeys.searchKey(null)).isEmpty();
    assertThat(TextKeys.digits(null)).isEmpty();
    assertThat(TextKeys.phoneSearchDigits(null)).isEmpty();
  }

  @Test
  void digitsKeepsEveryDigitSystemAsAsciiAndDropsTheRest() {
    assertThat(TextKeys.digits("+98 (۹۱۲) ١٢٣-４５６７ ext.")).isEqualTo("989121234567");
  }

  @Test
  void digitsOfTextWithoutDigitsIsEmpty() {
    assertThat(TextKeys.digits("no digits here ²")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "09121234567",
        "۰۹۱۲۱۲۳۴۵۶۷",
        "٠٩١٢١٢٣٤٥٦٧",
        "+989121234567",
        "00989121234567",
        "0912 123 4567",
        "+98 (912) 123-4567",
        "9121234567"
      })
  void phoneFormsOfOneIranianMobileGiveOneKey(String typed) {
    assertThat(TextKeys.phoneSearchDigits(typed)).isEqualTo("9121234567");
  }

  @Test
  void phoneKeyOfInternationalNumberIsItsNationalNumber() {
    assertThat(TextKeys.phoneSearchDigits("+1 650 253 0000")).isEqualTo("6502530000");
    assertThat(TextKeys.phoneSearchDigits("(650) 253-0000")).isEqualTo("6502530000");
  }

  @Test
  void phoneKeyIgnoresItalianLeadingZeroBothWays() {
    assertThat(TextKeys.phoneSearchDigits("+39 06 1234 5678"))
        .isEqualTo(TextKeys.phoneSearchDigits("06 1234 5678"))
        .isEqualTo("612345678");
  }

  @Test
  void phoneKeyOfAShortFragmentIsItsDigitsWithoutLeadingZeros() {
    assertThat(TextKeys.phoneSearchDigits("0912")).isEqualTo("912");
    assertThat(TextKeys.phoneSearchDigits("1234")).isEqualTo("1234");
  }

  @Test
  void phoneKeyOfZerosOnlyIsEmpty() {
    assertThat(TextKeys.phoneSearchDigits("000")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "a\tb", "a\nb", "a\rb", "a\u007Fb", "a\u0085b", "a\u009Fb"})
  void singleLineRefusesEveryControlCharacter(String value) {
    assertThat(TextKeys.hasForbiddenControls(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"
      })
  void bidiOverridesAndIsolatesAreRefusedInBothModes(String bidi) {
    assertThat(TextKeys.hasForbiddenControls("abc" + bidi + "def")).isTrue();
    assertThat(TextKeys.hasForbiddenControlsMultiline("abc" + bidi + "def")).isTrue();
  }

  @Test
  void ordinaryPersianArabicAndLatinTextHasNoForbiddenControls() {
    String text = "سارا احمدی‌نژاد — Ana O'Neil <b>&amp; مُحَمَّد \u200F";
    assertThat(TextKeys.hasForbiddenControls(text)).isFalse();
    assertThat(TextKeys.hasForbiddenControlsMultiline(text)).isFalse();
  }

  @Test
  void nullHasNoForbiddenControls() {
    assertThat(TextKeys.hasForbiddenControls(null)).isFalse();
    assertThat(TextKeys.hasForbiddenControlsMultiline(null)).isFalse();
  }

  @Test
  void multilineAllowsLineBreaksAndTabs() {
    assertThat(TextKeys.hasForbiddenControlsMultiline("line one\r\nline\ttwo\n")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "a\u0007b", "a\u001Bb", "a\u007Fb", "a\u0085b"})
  void multilineStillRefusesOtherControls(String value) {
    assertThat(TextKeys.hasForbiddenControlsMultiline(value)).isTrue();
  }
}
