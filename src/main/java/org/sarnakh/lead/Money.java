package org.sarnakh.lead;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidValue;

/**
 * A non-negative amount of money in one ISO 4217 currency, such as a lead's
 * {@code opportunityAmount} or {@code annualRevenue}.
 *
 * <p>The amount always has scale 2, whatever the input's scale, so two equal amounts are equal
 * records ({@code 12.5} and {@code 12.50} alike). At most 17 integer digits and 2 significant
 * fraction digits are kept; anything finer is refused rather than rounded, because a silently
 * rounded amount is a lost one. The two-digit limit is Sarnakh's, not the currency's: a JPY
 * amount may still carry cents.
 */
public record Money(BigDecimal amount, Currency currency) {

  private static final int MAX_INTEGER_DIGITS = 17;
  private static final int SCALE = 2;
  private static final int MAX_TYPED_LENGTH = 64;
  private static final Map<String, Currency> CURRENCIES =
      Currency.getAvailableCurrencies().stream()
          .collect(Collectors.toUnmodifiableMap(Currency::getCurrencyCode, c -> c));
  private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]*)?|\\.[0-9]+");

  public Money {
    if (amount == null) {
      throw new InvalidValue("amount", "must not be blank");
    }
    if (currency == null) {
      throw new InvalidValue("currency", "must not be blank");
    }
    String problem = amountProblem(amount);
    if (problem != null) {
      throw new InvalidValue("amount", problem);
    }
    amount = amount.setScale(SCALE);
  }

  /**
   * Reads an amount as a plain decimal string ({@code "1500000"}, {@code "12.5"}, Persian or
   * Arabic-Indic digits and the Arabic decimal separator {@code ٫} included; no sign, exponent or
   * grouping separators) and a currency code, case-insensitive.
   *
   * @param field the API field the errors name, as {@code field + ".amount"} and
   *     {@code field + ".currency"} (e.g. {@code "opportunityAmount.currency"})
   * @throws InvalidValue for a malformed, negative or too precise amount, or an unknown currency
   */
  public static Money of(@Nullable String amount, @Nullable String currencyCode, String field) {
    return new Money(
        parseAmount(amount, field + ".amount"), currency(currencyCode, field + ".currency"));
  }

  /**
   * The amount as a plain string without trailing fraction zeros or exponent: {@code "1500000"},
   * {@code "12.5"}, {@code "0.05"}, {@code "0"}.
   */
  public String amountString() {
    return amount.stripTrailingZeros().toPlainString();
  }

  private static BigDecimal parseAmount(@Nullable String raw, String field) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidValue(field, "must not be blank");
    }
    String typed = asciiDecimal(raw.strip());
    if (typed.length() > MAX_TYPED_LENGTH) {
      throw new InvalidValue(
          field,
          "must have at most " + MAX_INTEGER_DIGITS + " integer digits and " + SCALE
              + " fraction digits");
    }
    if (typed.startsWith("-") && DECIMAL.matcher(typed.substring(1)).matches()) {
      throw new InvalidValue(field, "must not be negative");
    }
    if (!DECIMAL.matcher(typed).matches()) {
      throw new InvalidValue(
          field, "not a decimal amount: use digits and at most one '.', no grouping");
    }
    BigDecimal amount = new BigDecimal(typed);
    String problem = amountProblem(amount);
    if (problem != null) {
      throw new InvalidValue(field, problem);
    }
    return amount;
  }

  private static @Nullable String amountProblem(BigDecimal amount) {
    if (amount.signum() < 0) {
      return "must not be negative";
    }
    BigDecimal significant = amount.stripTrailingZeros();
    if (significant.scale() > SCALE) {
      return "must have at most " + SCALE + " fraction digits";
    }
    if (significant.precision() - significant.scale() > MAX_INTEGER_DIGITS) {
      return "must have at most " + MAX_INTEGER_DIGITS + " integer digits";
    }
    return null;
  }

  /** ASCII digits, and the Arabic decimal separator (U+066B) as a point. */
  private static String asciiDecimal(String s) {
    return org.sarnakh.platform.text.TextKeys.asciiDigits(s).replace('\u066B', '.');
  }

  private static Currency currency(@Nullable String code, String field) {
    if (code == null || code.isBlank()) {
      throw new InvalidValue(field, "must not be blank");
    }
    String upper = code.strip().toUpperCase(Locale.ROOT);
    Currency currency = CURRENCIES.get(upper);
    if (currency == null || currency.getDefaultFractionDigits() < 0) {
      throw new InvalidValue(field, "unknown currency: " + InvalidValue.quoted(code));
    }
    return currency;
  }

}
