package org.sarnakh.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.ui.Model;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

/**
 * The language of a public page (web forms, unsubscribe), read by visitors who never sign in: a
 * language Sarnakh speaks, fixed for the request, with its direction for the template
 * ({@code lang}, {@code dir}).
 */
public final class PublicPageLanguage {

  static final List<Locale> SPOKEN = List.of(Locale.forLanguageTag("fa"), Locale.forLanguageTag("ar"),
      Locale.forLanguageTag("en"));

  private PublicPageLanguage() {}

  /** The reader's language among fa, ar and en by {@code Accept-Language}; Persian when it names none of them. */
  public static String readers(HttpServletRequest request) {
    @Nullable String header = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
    if (header == null) {
      return "fa";
    }
    try {
      Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SPOKEN);
      return best == null ? "fa" : best.getLanguage();
    } catch (IllegalArgumentException e) {
      return "fa";
    }
  }

  /** The request and its page speak {@code language}, whatever the reader's setting or browser. */
  public static void speak(String language, HttpServletRequest request, Model model) {
    Locale locale = Locale.forLanguageTag(language);
    request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, new FixedLocaleResolver(locale));
    LocaleContextHolder.setLocale(locale);
    model.addAttribute("lang", language);
    model.addAttribute("dir", "en".equals(language) ? "ltr" : "rtl");
  }
}
