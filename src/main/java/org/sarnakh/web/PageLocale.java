package org.sarnakh.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of a page: the signed-in user's setting; before sign-in, the language chosen on
 * the sign-in page (a cookie), else the browser's preference among Persian, Arabic and English,
 * else Persian.
 */
final class PageLocale implements LocaleResolver {

  static final List<String> LANGUAGES = List.of("fa", "ar", "en");
  static final String COOKIE = "sarnakh-lang";
  private static final Locale DEFAULT = Locale.forLanguageTag("fa");

  private final Accessor access;

  PageLocale(Accessor access) {
    this.access = access;
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    return access.signedIn().map(CurrentUser::locale).map(PageLocale::supported)
        .or(() -> java.util.Optional.ofNullable(cookie(request)))
        .orElseGet(() -> fromBrowser(request));
  }

  @Override
  public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
    if (response == null || locale == null) {
      return;
    }
    Cookie c = new Cookie(COOKIE, supported(locale.getLanguage()).getLanguage());
    c.setPath("/");
    c.setHttpOnly(true);
    c.setMaxAge((int) Duration.ofDays(365).toSeconds());
    c.setAttribute("SameSite", "Lax");
    response.addCookie(c);
  }

  static Locale supported(@Nullable String language) {
    return language != null && LANGUAGES.contains(language) ? Locale.forLanguageTag(language) : DEFAULT;
  }

  static boolean rightToLeft(Locale locale) {
    return !"en".equals(locale.getLanguage());
  }

  private static @Nullable Locale cookie(HttpServletRequest request) {
    if (request.getCookies() == null) {
      return null;
    }
    for (Cookie c : request.getCookies()) {
      if (COOKIE.equals(c.getName()) && LANGUAGES.contains(c.getValue())) {
        return Locale.forLanguageTag(c.getValue());
      }
    }
    return null;
  }

  private static Locale fromBrowser(HttpServletRequest request) {
    String header = request.getHeader("Accept-Language");
    if (header == null || header.isBlank()) {
      return DEFAULT;
    }
    try {
      Locale best = Locale.lookup(Locale.LanguageRange.parse(header), LANGUAGES.stream().map(Locale::forLanguageTag).toList());
      return best == null ? DEFAULT : best;
    } catch (IllegalArgumentException e) {
      return DEFAULT;
    }
  }
}
