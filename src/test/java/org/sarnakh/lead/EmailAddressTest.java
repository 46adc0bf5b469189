package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sarnakh.platform.InvalidValue;

class EmailAddressTest {

  private static final String LONG_DOMAIN =
      "d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(60) + "." + "g".repeat(8) + ".com";

  @Test
  void isStrippedAndLowerCased() {
    assertThat(EmailAddress.of("  Ana.Silva@Example.COM ").value())
        .isEqualTo("ana.silva@example.com");
  }

  @Test
  void lowerCasingIgnoresTheDefaultLocale() {
    assertThat(new EmailAddress("INFO@EXAMPLE.IR").value()).isEqualTo("info@example.ir");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a@b.co",
        "first.last+tag@sub.example.co.uk",
        "o'neil@example.ie",
        "x_y-z!#$%&*/=?^`{|}~@example.com",
        "user@my-company.example",
        "info@شرکت.ایران",
        "سارا@مثال.ایران",
        "user@xn--mgba3a4f16a.ir",
        "12345@123.example"
      })
  void acceptsPracticalAddresses(String typed) {
    assertThat(EmailAddress.of(typed).value()).isEqualTo(typed);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plainaddress",
        "@example.com",
        "ana@",
        "ana@@example.com",
        "ana@b@example.com",
        "ana@localhost",
        "ana silva@example.com",
        "ana@exa mple.com",
        "Ana <ana@example.com>",
        "\"ana\"@example.com",
        ".ana@example.com",
        "ana.@example.com",
        "an..a@example.com",
        "ana@example..com",
        "ana@.example.com",
        "ana@example.com.",
        "ana@-example.com",
        "ana@example-.com",
        "ana@example.123",
        "ana@[127.0.0.1]",
        "ana@exa_mple.com"
      })
  void refusesMalformedAddressesNamingTheEmailField(String typed) {
    assertThatThrownBy(() -> EmailAddress.of(typed))
        .isInstanceOfSatisfying(
            InvalidValue.class,
            e -> {
              assertThat(e.field()).isEqualTo("email");
              assertThat(e.getMessage()).startsWith("not an email address");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void refusesBlank(String typed) {
    assertThatThrownBy(() -> EmailAddress.of(typed))
        .isInstanceOf(InvalidValue.class)
        .hasMessage("must not be blank");
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> EmailAddress.of(null))
        .isInstanceOf(InvalidValue.class)
        .hasMessage("must not be blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ana@example.com\n", "ana\u0000@example.com", "\u202Eana@example.com"})
  void refusesControlAndBidiOverrideCharactersEvenAtTheEdges(String typed) {
    assertThatThrownBy(() -> EmailAddress.of(typed))
        .isInstanceOf(InvalidValue.class)
        .hasMessageContaining("control");
  }

  @Test
  void acceptsExactly254Characters() {
    String email = "l".repeat(254 - 1 - LONG_DOMAIN.length()) + "@" + LONG_DOMAIN;
    assertThat(email).hasSize(254);
    assertThat(EmailAddress.of(email).value()).isEqualTo(email);
  }

  @Test
  void refuses255Characters() {
    String email = "l".repeat(255 - 1 - LONG_DOMAIN.length()) + "@" + LONG_DOMAIN;
    assertThatThrownBy(() -> EmailAddress.of(email))
        .isInstanceOf(InvalidValue.class)
        .hasMessage("must be at most 254 characters");
  }

  @Test
  void localPartMayHave64CharactersButNot65() {
    assertThat(EmailAddress.of("a".repeat(64) + "@example.com").value()).startsWith("a".repeat(64));
    assertThatThrownBy(() -> EmailAddress.of("a".repeat(65) + "@example.com"))
        .isInstanceOf(InvalidValue.class);
  }

  @Test
  void domainLabelMayHave63CharactersButNot64() {
    assertThat(EmailAddress.of("ana@" + "a".repeat(63) + ".com").value()).endsWith(".com");
    assertThatThrownBy(() -> EmailAddress.of("ana@" + "a".repeat(64) + ".com"))
        .isInstanceOf(InvalidValue.class);
  }

  @Test
  void equalAddressesTypedDifferentlyAreEqualValues() {
    assertThat(EmailAddress.of("Ana@Example.com")).isEqualTo(EmailAddress.of(" ana@example.COM"));
  }
}
