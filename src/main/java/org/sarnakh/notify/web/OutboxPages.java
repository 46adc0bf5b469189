package org.sarnakh.notify.web;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.mail.MailOutbox;
import org.sarnakh.platform.mail.MailState;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /settings/outbox}, for administrators: every mail with its state and last error, and a read-only preview. */
@Controller
@RequestMapping("/settings/outbox")
class OutboxPages {

  static final int PAGE = 100;

  private final Accessor access;
  private final MailOutbox outbox;

  OutboxPages(Accessor access, MailOutbox outbox) {
    this.access = access;
    this.outbox = outbox;
  }

  @GetMapping
  String list(@RequestParam(required = false) @Nullable String state, @RequestParam(required = false) @Nullable String cursor,
      Model model) {
    access.require(Role.ADMIN);
    MailState filter = state(state);
    MailOutbox.Page page = outbox.list(filter, cursor, PAGE);
    model.addAttribute("mails", page.items());
    model.addAttribute("nextCursor", page.nextCursor());
    model.addAttribute("state", filter == null ? "" : filter.name());
    model.addAttribute("states", MailState.values());
    java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    outbox.counts().forEach((s, n) -> counts.put(s.name(), n));
    model.addAttribute("counts", counts);
    model.addAttribute("sending", outbox.sending());
    return "settings/outbox";
  }

  @GetMapping("/{id}")
  String mail(@PathVariable UUID id, Model model) {
    access.require(Role.ADMIN);
    model.addAttribute("mail", outbox.find(id).orElseThrow(() -> new NotFound("mail")));
    return "settings/outbox-mail";
  }

  private static @Nullable MailState state(@Nullable String state) {
    if (state == null || state.isBlank()) {
      return null;
    }
    try {
      return MailState.valueOf(state);
    } catch (IllegalArgumentException e) {
      throw InvalidInput.of("state", "one of PENDING, SENDING, SENT, FAILED, HELD");
    }
  }
}
