package org.sarnakh.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.UserAdministration;
import org.sarnakh.identity.UserAdministration.Preferences;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.web.Flash;
import org.sarnakh.platform.web.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Every user's own preferences: the language of the pages, the calendar and the time zone of dates. */
@Controller
@RequestMapping("/settings/profile")
class ProfilePages {

  private final UserAdministration admin;
  private final Accessor access;
  private final Clock clock;

  ProfilePages(UserAdministration admin, Accessor access, Clock clock) {
    this.admin = admin;
    this.access = access;
    this.clock = clock;
  }

  @GetMapping
  String profile(Model model) {
    CurrentUser me = access.current();
    return page(model, me, me.locale(), me.calendar(), me.timeZone().getId(), FormErrors.NONE);
  }

  /** Saved preferences apply from the next request on, so the page after the redirect already speaks the new language. */
  @PostMapping
  String save(@RequestParam(defaultValue = "") String locale, @RequestParam(defaultValue = "") String calendar,
      @RequestParam(defaultValue = "") String timeZone, Model model, HttpServletResponse response,
      RedirectAttributes redirect) {
    CurrentUser me = access.current();
    try {
      admin.setPreferences(me.id(), new Preferences(orNull(locale), orNull(calendar), orNull(timeZone)));
      redirect.addFlashAttribute("flash", Flash.success("settings.profile.saved"));
      return "redirect:/settings/profile";
    } catch (InvalidInput e) {
      response.setStatus(400);
      return page(model, me, locale, calendar, timeZone, FormErrors.of(e));
    }
  }

  private String page(Model model, CurrentUser me, String locale, String calendar, String timeZone,
      FormErrors errors) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("locale", locale);
    values.put("calendar", calendar);
    values.put("timeZone", timeZone);
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    model.addAttribute("now", clock.instant());
    model.addAttribute("commonZones", TimeZoneChoices.common(clock.instant()));
    model.addAttribute("otherZones", TimeZoneChoices.others(clock.instant(), me.timeZone().getId()));
    return "settings/profile";
  }

  private static @Nullable String orNull(String typed) {
    return typed.isBlank() ? null : typed.strip();
  }
}
