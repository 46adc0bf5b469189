package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sarnakh.platform.InvalidValue;

class PhoneNumberTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "09121234567",
        "۰۹۱۲۱۲۳۴۵۶۷",
        "٠٩١٢١٢٣٤٥٦٧",
        "+989121234567",
        "+۹۸۹۱۲۱۲۳۴۵۶۷",
        "00989121234567",
        "0912 123 4567",
        "0912-123-4567",
        "(0912) 123.4567",
        "+98 (912) 123 45 67",
        "+98 912 123 4567",
        "  09121234567  ",
        "\uFF10\uFF19\uFF11\uFF12\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17",
        "0912\u2013123\u20134567"
      })
  void readsAnIranianMobileTypedAnyWayAsE164(String typed) {
    assertThat(PhoneNumber.parse(typed, "IR", "mobile").e164()).isEqualTo("+989121234567");
  }

  @Test
  void nationalNumberIsReadInTheDefaultRegion() {
    assertThat(PhoneNumber.parse("021 1234 5678", "IR", "phone").e164()).isEqualTo("+982112345678");
    assertThat(PhoneNumber.parse("(650) 253-0000", "US", "phone").e164()).isEqualTo("+16502530000");
  }

  @Test
  void internationalNumberIgnoresTheDefaultRegion() {
    assertThat(PhoneNumber.parse("+1 650 253 0000", "IR", "phone").e164())
        .isEqualTo("+16502530000");
  }

  @Test
  void doubleZeroMeansInternationalEvenWhereTheRegionDialsOtherwise() {
    assertThat(PhoneNumber.parse("00 98 912 123 4567", "US", "phone").e164())
        .isEqualTo("+989121234567");
  }

  @Test
  void defaultRegionIsCaseInsensitive() {
    assertThat(PhoneNumber.parse("09121234567", "ir", "phone").e164()).isEqualTo("+989121234567");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0912123456", "091212345678", "12345", "0000000000", "+98 000 000 0000"})
  void refusesNumbersInvalidForTheirCountryNamingTheField(String typed) {
    assertThatThrownBy(() -> PhoneNumber.parse(typed, "IR", "mobile"))
        .isInstanceOfSatisfying(
            InvalidValue.class,
            e -> {
              assertThat(e.field()).isEqualTo("mobile");
              assertThat(e.getMessage()).isEqualTo("not a valid phone number for region IR");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0912 123 4567 ext. 12",
        "tel: 09121234567",
        "09121234567 (home)",
        "0912+1234567",
        "++989121234567",
        "1-800-FLOWERS"
      })
  void refusesLettersAndStrayPlusSignsRatherThanDroppingThem(String typed) {
    assertThatThrownBy(() -> PhoneNumber.parse(typed, "IR", "phone"))
        .isInstanceOfSatisfying(
            InvalidValue.class,
            e -> {
              assertThat(e.field()).isEqualTo("phone");
              assertThat(e.getMessage()).startsWith("not a valid phone number");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"09121234567\n", "0912\t1234567", "\u202D09121234567"})
  void refusesControlAndBidiOverrideCharacters(String typed) {
    assertThatThrownBy(() -> PhoneNumber.parse(typed, "IR", "phone"))
        .isInstanceOf(InvalidValue.class)
        .hasMessageContaining("control");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void refusesBlank(String typed) {
    assertThatThrownBy(() -> PhoneNumber.parse(typed, "IR", "phone"))
        .isInstanceOf(InvalidValue.class)
        .hasMessage("must not be blank");
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> PhoneNumber.parse(null, "IR", "phone"))
        .isInstanceOf(InvalidValue.class)
        .hasMessage("must not be blank");
  }

  @Test
  void unknownDefaultRegionIsAProgrammingError() {
    assertThatThrownBy(() -> PhoneNumber.parse("09121234567", "XX", "phone"))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(InvalidValue.class);
  }

  @Test
  void constructorAcceptsE164() {
    assertThat(new PhoneNumber("+989121234567").e164()).isEqualTo("+989121234567");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "09121234567", "989121234567", "+0989121234567", "+98 912 123 4567", "+1234567890123456"
      })
  void constructorRefusesAnythingButE164(String notE164) {
    assertThatThrownBy(() -> new PhoneNumber(notE164))
        .isInstanceOfSatisfying(InvalidValue.class, e -> assertThat(e.field()).isEqualTo("phone"));
  }

  @Test
  void aServiceShortNumberIsNotAPersonsPhone() {
    assertThatThrownBy(() -> PhoneNumber.parse("+989601", "IR", "phone")).isInstanceOf(InvalidValue.class);
    assertThat(PhoneNumber.parse("+6834002", "IR", "phone").e164()).as("Niue: seven digits in all").isEqualTo("+6834002");
  }
}
