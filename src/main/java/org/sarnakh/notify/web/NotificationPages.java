package org.sarnakh.notify.web;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.notify.NotificationInbox;
import org.sarnakh.notify.NotificationKind;
import org.sarnakh.notify.NotificationPreferences;
import org.sarnakh.notify.NotificationPreferences.Preference;
import org.sarnakh.notify.NotificationView;
import org.sarnakh.platform.web.Flash;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The notifications page, the bell's fragment that htmx refreshes, and the preferences form of the profile page. */
@Controller
class NotificationPages {

  static final int PAGE = 50;

  private final Accessor access;
  private final NotificationInbox inbox;
  private final NotificationPreferences preferences;

  NotificationPages(Accessor access, NotificationInbox inbox, NotificationPreferences preferences) {
    this.access = access;
    this.inbox = inbox;
    this.preferences = preferences;
  }

  @GetMapping("/notifications")
  String list(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(required = false) @Nullable String cursor,
      Model model) {
    NotificationInbox.Page page = inbox.page(access.current(), unread, cursor, PAGE);
    model.addAttribute("items", page.items());
    model.addAttribute("nextCursor", page.nextCursor());
    model.addAttribute("unreadOnly", unread);
    return "notifications/list";
  }

  @GetMapping("/notifications/bell")
  String bell() {
    access.current();
    return "notifications/bell :: bell";
  }

  /** Opening a notification marks it read and goes where it points. */
  @PostMapping("/notifications/{id}/open")
  String open(@PathVariable long id) {
    NotificationView n = inbox.read(access.current(), id);
    return "redirect:" + (n.link() == null ? "/notifications" : n.link());
  }

  @PostMapping("/notifications/read-all")
  String readAll(RedirectAttributes redirect) {
    int n = inbox.readAll(access.current());
    redirect.addFlashAttribute("flash", Flash.success("notifications.readAll.done", n));
    return "redirect:/notifications";
  }

  /** The profile page's section: a box per kind and channel; an unticked box is not sent, so absent means off. */
  @PostMapping("/settings/profile/notifications")
  String savePreferences(@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
    CurrentUser me = access.current();
    List<Preference> choices = new ArrayList<>();
    for (NotificationKind kind : NotificationKind.values()) {
      choices.add(new Preference(kind, form.containsKey(kind.name() + ".inApp"), form.containsKey(kind.name() + ".email")));
    }
    preferences.save(me.id(), choices);
    redirect.addFlashAttribute("flash", Flash.success("notifications.preferences.saved"));
    return "redirect:/settings/profile#notifications";
  }
}
