package org.sarnakh.capture.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.sarnakh.platform.web.IfMatch;
import org.jspecify.annotations.Nullable;
import org.sarnakh.capture.FormViews;
import org.sarnakh.capture.WebForm;
import org.sarnakh.capture.WebForms;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.web.Idempotency;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/forms}: web-to-lead forms, managed by administrators and marketing (others 403). */
@RestController
@RequestMapping("/api/v1/forms")
class FormApi {

  static final Set<String> LIST_PARAMS = Set.of("limit", "cursor", "sort");

  private final WebForms forms;
  private final FormViews views;
  private final Accessor access;
  private final Idempotency idempotency;

  FormApi(WebForms forms, FormViews views, Accessor access, Idempotency idempotency) {
    this.forms = forms;
    this.views = views;
    this.access = access;
    this.idempotency = idempotency;
  }

  /** Creates a form; with {@code Idempotency-Key}, a repeat answers the first form instead of making a second. */
  @PostMapping
  ResponseEntity<?> create(@RequestBody Map<String, Object> body,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key) {
    var user = access.require(Role.ADMIN, Role.MARKETING);
    if (key == null) {
      WebForm form = forms.create(body, user);
      return ResponseEntity.created(URI.create("/api/v1/forms/" + form.id())).eTag(etag(form)).body(views.view(form, 0));
    }
    return idempotency.create(user.id(), key, "POST /forms " + body, () -> {
      WebForm form = forms.create(body, user);
      return new Idempotency.Created(URI.create("/api/v1/forms/" + form.id()), views.view(form, 0));
    });
  }

  /** Keyset pages by creation time: {@code sort=createdAt} (default {@code -createdAt}, newest first). */
  @GetMapping
  Map<String, Object> list(@RequestParam Map<String, String> params) {
    access.require(Role.ADMIN, Role.MARKETING);
    for (String p : params.keySet()) {
      if (!LIST_PARAMS.contains(p)) {
        throw InvalidInput.of(p, "unknown parameter; this list takes limit, cursor and sort");
      }
    }
    int limit;
    try {
      limit = Integer.parseInt(params.getOrDefault("limit", "50"));
    } catch (NumberFormatException e) {
      throw InvalidInput.of("limit", "between 1 and 500");
    }
    if (limit < 1 || limit > 500) {
      throw InvalidInput.of("limit", "between 1 and 500");
    }
    String sort = params.getOrDefault("sort", "-createdAt");
    if (!sort.equals("createdAt") && !sort.equals("-createdAt")) {
      throw InvalidInput.of("sort", "createdAt or -createdAt");
    }
    Instant afterAt = null;
    UUID afterId = null;
    String cursor = params.get("cursor");
    if (cursor != null) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
        if (!parts[0].equals(sort)) {
          throw InvalidInput.of("cursor", "made for sort=" + parts[0] + "; start again without a cursor");
        }
        afterAt = Instant.parse(parts[1]);
        afterId = UUID.fromString(parts[2]);
      } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException | java.time.DateTimeException e) {
        throw InvalidInput.of("cursor", "not a cursor of this list");
      }
    }
    List<WebForm> page = forms.page(limit + 1, sort.startsWith("-"), afterAt, afterId);
    List<WebForm> shown = page.subList(0, Math.min(limit, page.size()));
    Map<UUID, Integer> counts = forms.submissionCounts(shown.stream().map(WebForm::id).toList());
    List<Map<String, Object>> items = new ArrayList<>();
    shown.forEach(f -> items.add(views.view(f, counts.get(f.id()))));
    String next = null;
    if (page.size() > limit) {
      WebForm last = shown.get(shown.size() - 1);
      next = Base64.getUrlEncoder().withoutPadding().encodeToString((sort + "|" + last.createdAt() + "|" + last.id())
          .getBytes(StandardCharsets.UTF_8));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", items);
    body.put("nextCursor", next);
    return body;
  }

  @GetMapping("/{id}")
  ResponseEntity<Map<String, Object>> get(@PathVariable UUID id) {
    access.require(Role.ADMIN, Role.MARKETING);
    WebForm form = forms.get(id);
    return ResponseEntity.ok().eTag(etag(form)).body(views.view(form, count(form)));
  }

  /** JSON merge patch; with {@code If-Match: "<version>"} a stale editor gets 412 and changes nothing. */
  @PatchMapping(value = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
  ResponseEntity<Map<String, Object>> update(@PathVariable UUID id, @RequestBody Map<String, Object> body,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
    access.require(Role.ADMIN, Role.MARKETING);
    WebForm form = forms.update(id, body, IfMatch.intVersion(ifMatch, "form"));
    return ResponseEntity.ok().eTag(etag(form)).body(views.view(form, count(form)));
  }

  /** The form's page answers 404 from now on; its submissions and consent evidence stay. */
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable UUID id) {
    access.require(Role.ADMIN, Role.MARKETING);
    forms.delete(id);
    return ResponseEntity.noContent().build();
  }

  private int count(WebForm form) {
    return forms.submissionCounts(List.of(form.id())).get(form.id());
  }

  private static String etag(WebForm form) {
    return "\"" + form.version() + "\"";
  }
}
