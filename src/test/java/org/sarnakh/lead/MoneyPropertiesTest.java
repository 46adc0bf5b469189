package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.sarnakh.platform.InvalidValue;

class MoneyPropertiesTest {

  @Property
  void amountStringReadsBackToTheSameMoney(@ForAll("amounts") BigDecimal amount) {
    Money money = Money.of(amount.toPlainString(), "EUR", "f");
    assertThat(money.amount()).isEqualByComparingTo(amount);
    assertThat(Money.of(money.amountString(), "EUR", "f")).isEqualTo(money);
  }

  @Property
  void amountStringIsPlainAndHasNoTrailingFractionZero(@ForAll("amounts") BigDecimal amount) {
    assertThat(Money.of(amount.toPlainString(), "EUR", "f").amountString())
        .matches("0|[1-9][0-9]*|[0-9]+\\.[0-9]?[1-9]");
  }

  @Property
  void aThirdSignificantFractionDigitIsRefused(
      @ForAll("amounts") BigDecimal amount, @ForAll("nonZeroDigits") int digit) {
    String typed = amount.setScale(2).toPlainString() + digit;
    assertThatThrownBy(() -> Money.of(typed, "EUR", "f")).isInstanceOf(InvalidValue.class);
  }

  @Property
  void negativeAmountsAreRefused(@ForAll("amounts") BigDecimal amount) {
    BigDecimal negative = amount.add(new BigDecimal("0.01")).negate();
    assertThatThrownBy(() -> Money.of(negative.toPlainString(), "EUR", "f"))
        .isInstanceOf(InvalidValue.class)
        .hasMessage("must not be negative");
  }

  @Property(tries = 3000)
  void anyInputIsEitherMoneyOrAnInvalidValueForOneOfItsFields(
      @ForAll("amountLike") String amount, @ForAll("currencyLike") String currency) {
    try {
      assertThat(Money.of(amount, currency, "f").amount().scale()).isEqualTo(2);
    } catch (InvalidValue refused) {
      assertThat(refused.field()).isIn("f.amount", "f.currency");
    }
  }

  @Provide
  Arbitrary<BigDecimal> amounts() {
    return Arbitraries.bigDecimals()
        .between(BigDecimal.ZERO, new BigDecimal("99999999999999999.99"))
        .ofScale(2);
  }

  @Provide
  Arbitrary<Integer> nonZeroDigits() {
    return Arbitraries.integers().between(1, 9);
  }

  @Provide
  Arbitrary<String> amountLike() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789.-+eE,۱٫ ").ofMaxLength(25),
        Arbitraries.strings().all().ofMaxLength(25));
  }

  @Provide
  Arbitrary<String> currencyLike() {
    return Arbitraries.oneOf(
        Arbitraries.of("EUR", "irr", "usd", "XXX"),
        Arbitraries.strings().withCharRange('A', 'Z').ofLength(3),
        Arbitraries.strings().all().ofMaxLength(5));
  }
}
