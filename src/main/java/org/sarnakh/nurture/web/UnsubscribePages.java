package org.sarnakh.nurture.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.sarnakh.nurture.Unsubscribes;
import org.sarnakh.platform.RateBuckets;
import org.sarnakh.platform.web.PublicPageLanguage;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * {@code /u/{token}}: the unsubscribe page of a marketing mail. A GET asks and changes nothing
 * (mail scanners open links); the POST, from the page's button or a mail client's one-click
 * {@code List-Unsubscribe=One-Click}, unsubscribes. A forged token gets a page that says the link
 * is not valid, and nothing else; each address is limited to a few tries a minute.
 */
@Controller
class UnsubscribePages {

  static final int PER_MINUTE = 30;

  private final Unsubscribes unsubscribes;
  private final RateBuckets buckets = new RateBuckets(10_000);

  UnsubscribePages(Unsubscribes unsubscribes) {
    this.unsubscribes = unsubscribes;
  }

  @GetMapping("/u/{token}")
  String ask(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
    return page(token, request, response, model, false);
  }

  @PostMapping("/u/{token}")
  String unsubscribe(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
    return page(token, request, response, model, true);
  }

  private String page(String token, HttpServletRequest request, HttpServletResponse response, Model model, boolean act) {
    PublicPageLanguage.speak(PublicPageLanguage.readers(request), request, model);
    response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (!buckets.tryTake(request.getRemoteAddr(), PER_MINUTE, Duration.ofMinutes(1))) {
      response.setStatus(429);
      response.setHeader(HttpHeaders.RETRY_AFTER, "60");
      model.addAttribute("state", "limited");
      return "nurture/unsubscribe";
    }
    Optional<Unsubscribes.Target> target = unsubscribes.read(token);
    if (target.isEmpty()) {
      response.setStatus(404);
      model.addAttribute("state", "invalid");
      return "nurture/unsubscribe";
    }
    String email = unsubscribes.address(target.get());
    model.addAttribute("email", email == null ? "" : Unsubscribes.masked(email));
    if (act) {
      unsubscribes.unsubscribe(target.get(), "unsubscribe link from " + request.getRemoteAddr());
      model.addAttribute("state", "done");
    } else {
      model.addAttribute("state", email != null && unsubscribes.suppressed(email) ? "already" : "ask");
      model.addAttribute("action", "/u/" + token);
    }
    return "nurture/unsubscribe";
  }
}
