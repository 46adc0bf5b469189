package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.sarnakh.platform.InvalidValue;

class CountryCodePropertiesTest {

  private static final Set<String> ISO = Set.of(Locale.getISOCountries());

  @Property
  void everyIsoCodeIsItselfInAnyCase(@ForAll("isoCodes") String code) {
    assertThat(CountryCode.normalise(code.toLowerCase(Locale.ROOT), "c")).isEqualTo(code);
    assertThat(CountryCode.normalise(code, "c")).isEqualTo(code);
  }

  @Property
  void everyAlpha3CodeGivesItsAlpha2(@ForAll("isoCodes") String code) {
    assertThat(CountryCode.normalise(new Locale("", code).getISO3Country(), "c")).isEqualTo(code);
  }

  @Property
  void everyEnglishDisplayNameGivesItsCode(@ForAll("isoCodes") String code) {
    String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
    assertThat(CountryCode.normalise(name, "c")).isEqualTo(code);
    assertThat(CountryCode.normalise(name.toUpperCase(Locale.ROOT), "c")).isEqualTo(code);
  }

  // Guards the locale data too: a JDK update giving two countries one name fails here, and an
  // alias in CountryCode then has to decide.
  @Property
  void everyPersianAndArabicDisplayNameGivesItsCode(@ForAll("isoCodes") String code) {
    Locale country = new Locale("", code);
    assertThat(CountryCode.normalise(country.getDisplayCountry(new Locale("fa")), "c"))
        .isEqualTo(code);
    assertThat(CountryCode.normalise(country.getDisplayCountry(new Locale("ar")), "c"))
        .isEqualTo(code);
  }

  @Property
  void normalisingACodeAgainKeepsIt(@ForAll("countryInputs") String typed) {
    try {
      String code = CountryCode.normalise(typed, "c");
      assertThat(ISO).contains(code);
      assertThat(CountryCode.normalise(code, "c")).isEqualTo(code);
    } catch (InvalidValue refused) {
      assertThat(refused.field()).isEqualTo("c");
    }
  }

  @Provide
  Arbitrary<String> isoCodes() {
    return Arbitraries.of(Locale.getISOCountries());
  }

  @Provide
  Arbitrary<String> countryInputs() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .ofMinLength(1)
            .ofMaxLength(4),
        Arbitraries.strings().withCharRange('\u0621', '\u06CC').withChars(' ').ofMaxLength(8),
        Arbitraries.strings().all().ofMaxLength(20));
  }
}
