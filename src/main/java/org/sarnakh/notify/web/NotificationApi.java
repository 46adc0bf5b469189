package org.sarnakh.notify.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.notify.NotificationInbox;
import org.sarnakh.notify.NotificationKind;
import org.sarnakh.notify.NotificationPreferences;
import org.sarnakh.notify.NotificationPreferences.Preference;
import org.sarnakh.notify.NotificationView;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/me/notifications} and {@code /api/v1/me/notification-preferences}: the caller's own, nobody else's. */
@RestController
@RequestMapping("/api/v1/me")
class NotificationApi {

  private final Accessor access;
  private final NotificationInbox inbox;
  private final NotificationPreferences preferences;

  NotificationApi(Accessor access, NotificationInbox inbox, NotificationPreferences preferences) {
    this.access = access;
    this.inbox = inbox;
    this.preferences = preferences;
  }

  @GetMapping("/notifications")
  Map<String, Object> list(@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) @Nullable String cursor,
      @RequestParam(defaultValue = "false") boolean unread) {
    NotificationInbox.Page page = inbox.page(access.current(), unread, cursor, limit);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("items", page.items().stream().map(NotificationApi::view).toList());
    m.put("nextCursor", page.nextCursor());
    return m;
  }

  @GetMapping("/notifications/unread-count")
  Map<String, Object> unreadCount() {
    return Map.of("unread", inbox.unread(access.current()));
  }

  @PostMapping("/notifications/{id}/read")
  Map<String, Object> read(@PathVariable long id) {
    return view(inbox.read(access.current(), id));
  }

  @PostMapping("/notifications/read-all")
  Map<String, Object> readAll() {
    return Map.of("marked", inbox.readAll(access.current()));
  }

  @GetMapping("/notification-preferences")
  Map<String, Object> preferences() {
    return Map.of("items", preferences.of(access.current().id()).stream().map(NotificationApi::view).toList());
  }

  /** A merge patch by kind: {@code {"LEAD_QUALIFIED": {"inApp": true, "email": false}}}; kinds left out keep their choice. */
  @PatchMapping(value = "/notification-preferences", consumes = {"application/merge-patch+json", "application/json"})
  Map<String, Object> updatePreferences(@RequestBody Map<String, Object> body) {
    CurrentUser me = access.current();
    Map<NotificationKind, Preference> current = new LinkedHashMap<>();
    preferences.of(me.id()).forEach(p -> current.put(p.kind(), p));
    List<FieldProblem> problems = new ArrayList<>();
    List<Preference> changed = new ArrayList<>();
    body.forEach((name, value) -> {
      NotificationKind kind = NotificationKind.named(name);
      if (kind == null) {
        problems.add(new FieldProblem(name, "not a notification kind"));
        return;
      }
      if (!(value instanceof Map<?, ?> choice)) {
        problems.add(new FieldProblem(name, "an object with inApp and/or email"));
        return;
      }
      Preference p = current.get(kind);
      boolean inApp = p.inApp();
      boolean email = p.email();
      for (var e : choice.entrySet()) {
        String field = name + "." + e.getKey();
        if (!(e.getValue() instanceof Boolean b)) {
          problems.add(new FieldProblem(field, "true or false"));
        } else if ("inApp".equals(e.getKey())) {
          inApp = b;
        } else if ("email".equals(e.getKey())) {
          email = b;
        } else {
          problems.add(new FieldProblem(field, "unknown field"));
        }
      }
      changed.add(new Preference(kind, inApp, email));
    });
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return Map.of("items", preferences.save(me.id(), changed).stream().map(NotificationApi::view).toList());
  }

  static Map<String, Object> view(Preference p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", p.kind().name());
    m.put("inApp", p.inApp());
    m.put("email", p.email());
    return m;
  }

  static Map<String, Object> view(NotificationView n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", n.id());
    m.put("kind", n.kind().name());
    m.put("title", n.title());
    m.put("body", n.body());
    m.put("params", n.params());
    m.put("link", n.link());
    m.put("createdAt", ApiTime.format(n.createdAt()));
    m.put("readAt", ApiTime.format(n.readAt()));
    return m;
  }
}
