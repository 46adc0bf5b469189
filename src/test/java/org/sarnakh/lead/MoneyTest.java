package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sarnakh.platform.InvalidValue;

class MoneyTest {

  @Test
  void readsAmountAndCurrency() {
    Money money = Money.of("1500000", "IRR", "opportunityAmount");
    assertThat(money.amount()).isEqualByComparingTo("1500000");
    assertThat(money.currency()).isEqualTo(Currency.getInstance("IRR"));
  }

  @Test
  void amountAlwaysHasScaleTwo() {
    assertThat(Money.of("12.5", "EUR", "f").amount()).isEqualTo(new BigDecimal("12.50"));
    assertThat(Money.of("7", "EUR", "f").amount()).isEqualTo(new BigDecimal("7.00"));
    assertThat(new Money(new BigDecimal("3"), Currency.getInstance("USD")).amount())
        .isEqualTo(new BigDecimal("3.00"));
  }

  @Test
  void equalAmountsWrittenDifferentlyAreEqualValues() {
    assertThat(Money.of("12.5", "usd", "f")).isEqualTo(Money.of("12.50", "USD", "f"));
  }

  @ParameterizedTest
  @CsvSource({
    "1500000, 1500000",
    "1500000.00, 1500000",
    "12.5, 12.5",
    "12.50, 12.5",
    "0.05, 0.05",
    "0, 0",
    "0.00, 0",
    "100, 100",
    ".5, 0.5",
    "5., 5",
    "0007, 7",
    "12.500, 12.5",
    "99999999999999999.99, 99999999999999999.99"
  })
  void amountStringIsPlainWithoutTrailingZeros(String typed, String shown) {
    assertThat(Money.of(typed, "EUR", "f").amountString()).isEqualTo(shown);
  }

  @Test
  void readsPersianAndArabicIndicDigitsAndTheArabicDecimalSeparator() {
    assertThat(Money.of("۱۵۰۰۰۰۰", "IRR", "f").amountString()).isEqualTo("1500000");
    assertThat(Money.of("١٢٫٥", "AED", "f").amountString()).isEqualTo("12.5");
  }

  @Test
  void currencyCodeIsCaseInsensitiveAndStripped() {
    assertThat(Money.of("1", " eur ", "f").currency().getCurrencyCode()).isEqualTo("EUR");
  }

  @Test
  void negativeAmountIsRefusedNamingTheAmountField() {
    assertThatThrownBy(() -> Money.of("-5", "EUR", "opportunityAmount"))
        .isInstanceOfSatisfying(
            InvalidValue.class,
            e -> {
              assertThat(e.field()).isEqualTo("opportunityAmount.amount");
              assertThat(e.getMessage()).isEqualTo("must not be negative");
            });
  }

  @Test
  void threeSignificantFractionDigitsAreRefusedNotRounded() {
    assertThatThrownBy(() -> Money.of("12.345", "EUR", "annualRevenue"))
        .isInstanceOfSatisfying(
            InvalidValue.class,
            e -> {
              assertThat(e.field()).isEqualTo("annualRevenue.amount");
              assertThat(e.getMessage()).isEqualTo("must have at most 2 fraction digits");
            });
  }

  @Test
  void eighteenIntegerDigitsAreRefused() {
    assertThat(Money.of("9".repeat(17), "EUR", "f").amountString()).isEqualTo("9".repeat(17));
    assertThatThrownBy(() -> Money.of("1" + "0".repeat(17), "EUR", "f"))
        .isInstanceOf(InvalidValue.class)
        .hasMessage("must have at most 17 integer digits");
  }

  @Test
  void leadingZerosDoNotCountAsIntegerDigits() {
    assertThat(Money.of("000" + "9".repeat(17), "EUR", "f").amountString())
        .isEqualTo("9".repeat(17));
  }

  @Test
  void absurdlyLongAmountIsRefusedBeforeParsing() {
    assertThatThrownBy(() -> Money.of("1".repeat(100_000), "EUR", "f"))
        .isInstanceOf(InvalidValue.class)
        .hasMessage("must have at most 17 integer digits and 2 fraction digits");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1e3", "1E+3", "1,500,000", "1.500,00", "12.5.1", "+5", "five", "5 000", ".", "0x10", "NaN",
        "Infinity", "--5"
      })
  void malformedAmountsAreRefused(String typed) {
    assertThatThrownBy(() -> Money.of(typed, "EUR", "opportunityAmount"))
        .isInstanceOfSatisfying(
            InvalidValue.class,
            e -> {
              assertThat(e.field()).isEqualTo("opportunityAmount.amount");
              assertThat(e.getMessage()).startsWith("not a decimal amount");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " "})
  void blankAmountIsRefused(String typed) {
    assertThatThrownBy(() -> Money.of(typed, "EUR", "f"))
        .isInstanceOfSatisfying(
            InvalidValue.class, e -> assertThat(e.field()).isEqualTo("f.amount"))
        .hasMessage("must not be blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ABC", "EURO", "EU", "€", "XXX", "XAU", "ریال"})
  void unknownCurrencyIsRefusedNamingTheCurrencyField(String code) {
    assertThatThrownBy(() -> Money.of("10", code, "opportunityAmount"))
        .isInstanceOfSatisfying(
            InvalidValue.class,
            e -> {
              assertThat(e.field()).isEqualTo("opportunityAmount.currency");
              assertThat(e.getMessage()).isEqualTo("unknown currency: \"" + code + "\"");
            });
  }

  @Test
  void blankOrNullCurrencyIsRefused() {
    assertThatThrownBy(() -> Money.of("10", null, "f"))
        .isInstanceOfSatisfying(
            InvalidValue.class, e -> assertThat(e.field()).isEqualTo("f.currency"))
        .hasMessage("must not be blank");
    assertThatThrownBy(() -> Money.of("10", " ", "f")).isInstanceOf(InvalidValue.class);
  }

  @Test
  void constructorGuardsTheSameInvariants() {
    Currency euro = Currency.getInstance("EUR");
    assertThatThrownBy(() -> new Money(new BigDecimal("-0.01"), euro))
        .isInstanceOf(InvalidValue.class);
    assertThatThrownBy(() -> new Money(new BigDecimal("0.001"), euro))
        .isInstanceOf(InvalidValue.class);
    assertThatThrownBy(() -> new Money(new BigDecimal("1E+17"), euro))
        .isInstanceOf(InvalidValue.class);
    assertThatThrownBy(() -> new Money(null, euro)).isInstanceOf(InvalidValue.class);
    assertThatThrownBy(() -> new Money(BigDecimal.ONE, null)).isInstanceOf(InvalidValue.class);
  }
}
