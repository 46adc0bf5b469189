package org.sarnakh.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/** The start page and the language switch of pages seen before sign-in. */
@Controller
class HomePages {

  private final LocaleResolver locales;

  HomePages(LocaleResolver locales) {
    this.locales = locales;
  }

  @GetMapping("/")
  String home() {
    return "redirect:/leads";
  }

  /** Remembers the language chosen on the sign-in page; signed-in users change it in their profile. */
  @GetMapping("/language")
  String language(@RequestParam String to, HttpServletRequest request, HttpServletResponse response) {
    locales.setLocale(request, response, PageLocale.supported(to.toLowerCase(Locale.ROOT)));
    return "redirect:/login";
  }
}
