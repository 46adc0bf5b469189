package org.sarnakh.web;

import com.ibm.icu.text.Collator;
import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.text.RelativeDateTimeFormatter;
import com.ibm.icu.text.RelativeDateTimeFormatter.RelativeDateTimeUnit;
import com.ibm.icu.util.Currency;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates, numbers and money as the reader expects them: in their language's digits, their time
 * zone, and the Solar Hijri (Jalali) or Gregorian calendar they chose. Templates call it as
 * {@code ${@display.dateTime(lead.createdAt)}}.
 */
@Component("display")
public class Display {

  private final Accessor access;
  private final Clock clock;

  Display(Accessor access, Clock clock) {
    this.access = access;
    this.clock = clock;
  }

  /** How one reader reads dates: language, calendar and zone. */
  record Reader(String language, boolean jalali, ZoneId zone) {
    ULocale locale() {
      return new ULocale(language + (jalali ? "@calendar=persian" : "@calendar=gregorian"));
    }
  }

  public String dateTime(@Nullable Instant at) {
    return format(at, reader(), true);
  }

  public String date(@Nullable Instant at) {
    return format(at, reader(), false);
  }

  /** "3 hours ago", "in 2 days", in the reader's language. */
  public String relative(@Nullable Instant at) {
    if (at == null) {
      return "";
    }
    return relative(at, clock.instant(), reader());
  }

  /** The instant as the machine-readable value of a {@code <time datetime>} attribute. */
  public String iso(@Nullable Instant at) {
    return at == null ? "" : at.toString();
  }

  public String number(@Nullable Number n) {
    if (n == null) {
      return "";
    }
    return NumberFormat.getInstance(reader().locale()).format(n);
  }

  /** A whole number stored as text (a form value), in the reader's digits; other text as it is. */
  public String integer(@Nullable String digits) {
    if (digits == null || !digits.matches("-?\\d{1,18}")) {
      return digits == null ? "" : digits;
    }
    return number(Long.valueOf(digits));
  }

  /** An amount stored as a decimal string with its ISO 4217 currency, in the reader's digits and currency style. */
  public String money(@Nullable String amount, @Nullable String currency) {
    if (amount == null || currency == null) {
      return "";
    }
    NumberFormat f = NumberFormat.getCurrencyInstance(reader().locale());
    f.setCurrency(Currency.getInstance(currency));
    return f.format(new BigDecimal(amount));
  }

  /** Every ISO 3166 country by code, named and sorted in the reader's language. */
  public Map<String, String> countries() {
    return COUNTRIES.computeIfAbsent(reader().language(), Display::countriesIn);
  }

  public String country(@Nullable String code) {
    if (code == null || code.isBlank()) {
      return "";
    }
    return countries().getOrDefault(code, code);
  }

  private static final Map<String, Map<String, String>> COUNTRIES = new ConcurrentHashMap<>();

  static Map<String, String> countriesIn(String language) {
    ULocale in = new ULocale(language);
    Collator collator = Collator.getInstance(in);
    List<String[]> named = new ArrayList<>();
    for (String code : Locale.getISOCountries()) {
      named.add(new String[] {code, new ULocale("", code).getDisplayCountry(in)});
    }
    named.sort((a, b) -> collator.compare(a[1], b[1]));
    Map<String, String> out = new LinkedHashMap<>();
    named.forEach(n -> out.put(n[0], n[1]));
    return Collections.unmodifiableMap(out);
  }

  Reader reader() {
    Locale locale = LocaleContextHolder.getLocale();
    return access.signedIn().map(Display::readerOf)
        .orElseGet(() -> new Reader(PageLocale.supported(locale.getLanguage()).getLanguage(),
            "fa".equals(locale.getLanguage()), ZoneId.of("UTC")));
  }

  static Reader readerOf(CurrentUser u) {
    return new Reader(PageLocale.supported(u.locale()).getLanguage(), "JALALI".equals(u.calendar()), u.timeZone());
  }

  static String format(@Nullable Instant at, Reader reader, boolean withTime) {
    if (at == null) {
      return "";
    }
    DateFormat f = withTime
        ? DateFormat.getDateTimeInstance(DateFormat.MEDIUM, DateFormat.SHORT, reader.locale())
        : DateFormat.getDateInstance(DateFormat.MEDIUM, reader.locale());
    f.setTimeZone(TimeZone.getTimeZone(reader.zone().getId()));
    return f.format(Date.from(at));
  }

  static String relative(Instant at, Instant now, Reader reader) {
    Duration d = Duration.between(now, at);
    long seconds = d.getSeconds();
    long abs = Math.abs(seconds);
    RelativeDateTimeFormatter f = RelativeDateTimeFormatter.getInstance(reader.locale());
    if (abs < 60) {
      return f.format(0, RelativeDateTimeUnit.SECOND);
    }
    if (abs < 3600) {
      return f.format(seconds / 60, RelativeDateTimeUnit.MINUTE);
    }
    if (abs < 86_400) {
      return f.format(seconds / 3600, RelativeDateTimeUnit.HOUR);
    }
    if (abs < 30 * 86_400L) {
      return f.format(seconds / 86_400, RelativeDateTimeUnit.DAY);
    }
    return format(at, reader, false);
  }
}
