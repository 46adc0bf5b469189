package org.sarnakh.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class TextKeysPropertiesTest {

  private static final String PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  private static final String ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";

  @Property(tries = 2000)
  void searchKeyIsIdempotent(@ForAll("mixedText") String s) {
    String key = TextKeys.searchKey(s);
    assertThat(TextKeys.searchKey(key)).isEqualTo(key);
  }

  @Property(tries = 2000)
  void searchKeyHasOnlySingleInnerSpaces(@ForAll("mixedText") String s) {
    String key = TextKeys.searchKey(s);
    assertThat(key).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
    assertThat(key.codePoints().filter(cp -> cp != ' ' && Character.isWhitespace(cp))).isEmpty();
  }

  @Property(tries = 2000)
  void searchKeyLeavesNoArabicVariantMarkOrZeroWidthCharacter(@ForAll("mixedText") String s) {
    String key = TextKeys.searchKey(s);
    assertThat(key.codePoints())
        .noneMatch(cp -> "يىئكةۀأإآٱؤـ\u200B\u200C\u200D\u2060\uFEFF".indexOf(cp) >= 0)
        .noneMatch(cp -> (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670)
        .noneMatch(cp -> Character.isDigit(cp) && (cp < '0' || cp > '9'));
  }

  @Property
  void arabicLetterFormsMatchPersianOnes(@ForAll("persianWords") String persian) {
    String arabic =
        persian.replace('ی', 'ي').replace('ک', 'ك').replace("ه ", "ة ").replace('ا', 'أ');
    assertThat(TextKeys.searchKey(arabic)).isEqualTo(TextKeys.searchKey(persian));
  }

  @Property
  void zwnjAndSpaceGiveTheSameKey(@ForAll("persianWords") String words) {
    assertThat(TextKeys.searchKey(words.replace(' ', '\u200C')))
        .isEqualTo(TextKeys.searchKey(words));
  }

  @Property
  void digitsOfEveryDigitSystemAreTheSame(@ForAll("asciiDigits") String ascii) {
    assertThat(TextKeys.digits(inDigitSystem(ascii, PERSIAN_DIGITS))).isEqualTo(ascii);
    assertThat(TextKeys.digits(inDigitSystem(ascii, ARABIC_INDIC_DIGITS))).isEqualTo(ascii);
    assertThat(TextKeys.searchKey(inDigitSystem(ascii, PERSIAN_DIGITS))).isEqualTo(ascii);
  }

  @Property(tries = 2000)
  void digitsGivesOnlyAsciiDigitsOneForEachDigitTyped(@ForAll("mixedText") String s) {
    String digits = TextKeys.digits(s);
    assertThat(digits).matches("[0-9]*");
    assertThat(digits).hasSize((int) s.codePoints().filter(Character::isDigit).count());
  }

  @Property(tries = 2000)
  void phoneKeyIsDigitsWithoutLeadingZero(@ForAll("mixedText") String s) {
    assertThat(TextKeys.phoneSearchDigits(s)).matches("([1-9][0-9]*)?");
  }

  @Property
  void everyWayOfTypingAnIranianMobileGivesItsNationalNumber(
      @ForAll("iranianMobiles") String national) {
    assertThat(TextKeys.phoneSearchDigits("0" + national)).isEqualTo(national);
    assertThat(TextKeys.phoneSearchDigits("+98" + national)).isEqualTo(national);
    assertThat(TextKeys.phoneSearchDigits("0098" + national)).isEqualTo(national);
    assertThat(TextKeys.phoneSearchDigits(inDigitSystem("0" + national, PERSIAN_DIGITS)))
        .isEqualTo(national);
    assertThat(TextKeys.phoneSearchDigits(inDigitSystem("+98" + national, ARABIC_INDIC_DIGITS)))
        .isEqualTo(national);
    assertThat(
            TextKeys.phoneSearchDigits(
                "0" + national.substring(0, 3) + " " + national.substring(3, 6) + "-"
                    + national.substring(6)))
        .isEqualTo(national);
  }

  @Property
  void anyControlCharacterIsForbiddenInSingleLineText(
      @ForAll("persianWords") String text,
      @ForAll("controls") char control,
      @ForAll @IntRange(min = 0, max = 1000) int position) {
    int at = position % (text.length() + 1);
    String withControl = text.substring(0, at) + control + text.substring(at);
    assertThat(TextKeys.hasForbiddenControls(withControl)).isTrue();
    assertThat(TextKeys.hasForbiddenControlsMultiline(withControl))
        .isEqualTo(control != '\n' && control != '\r' && control != '\t');
  }

  @Property
  void printableTextHasNoForbiddenControls(@ForAll("printableText") String text) {
    assertThat(TextKeys.hasForbiddenControls(text)).isFalse();
    assertThat(TextKeys.hasForbiddenControlsMultiline(text)).isFalse();
  }

  @Provide
  Arbitrary<String> mixedText() {
    Arbitrary<String> scripts =
        Arbitraries.strings()
            .withCharRange('\u0000', '\u024F')
            .withCharRange('\u0300', '\u036F')
            .withCharRange('\u0370', '\u03FF')
            .withCharRange('\u0600', '\u06FF')
            .withCharRange('\u0900', '\u097F')
            .withCharRange('\u1E00', '\u1EFF')
            .withCharRange('\u2000', '\u218F')
            .withCharRange('\uFB50', '\uFDFF')
            .withCharRange('\uFE70', '\uFEFF')
            .withCharRange('\uFF00', '\uFFEF')
            .ofMaxLength(40);
    return Arbitraries.oneOf(scripts, Arbitraries.strings().all().ofMaxLength(40));
  }

  @Provide
  Arbitrary<String> persianWords() {
    Arbitrary<String> word =
        Arbitraries.strings()
            .withChars("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی")
            .ofMinLength(1)
            .ofMaxLength(8);
    return word.list().ofMinSize(1).ofMaxSize(4).map(words -> String.join(" ", words));
  }

  @Provide
  Arbitrary<String> printableText() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withCharRange('\u00A0', '\u024F')
        .withCharRange('\u0600', '\u06FF')
        .withChars('\u200C', '\u200E', '\u200F')
        .ofMaxLength(60);
  }

  @Provide
  Arbitrary<Character> controls() {
    return Arbitraries.oneOf(
        Arbitraries.chars().range('\u0000', '\u001F'),
        Arbitraries.chars().range('\u007F', '\u009F'),
        Arbitraries.chars().range('\u202A', '\u202E'),
        Arbitraries.chars().range('\u2066', '\u2069'));
  }

  @Provide
  Arbitrary<String> asciiDigits() {
    return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20);
  }

  @Provide
  Arbitrary<String> iranianMobiles() {
    return Combinators.combine(
            Arbitraries.of("901", "910", "912", "919", "921", "930", "935", "939", "990"),
            Arbitraries.strings().numeric().ofLength(7))
        .as(String::concat);
  }

  private static String inDigitSystem(String ascii, String system) {
    StringBuilder out = new StringBuilder();
    ascii
        .chars()
        .forEach(c -> out.append(c >= '0' && c <= '9' ? system.charAt(c - '0') : (char) c));
    return out.toString();
  }
}
