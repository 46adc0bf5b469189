package org.sarnakh.nurture.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.nurture.EmailTemplate;
import org.sarnakh.nurture.EmailTemplates;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.web.IfMatch;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/email-templates}: templates with per-language variants, preview for a lead, test send. */
@RestController
@RequestMapping("/api/v1/email-templates")
class EmailTemplateApi {

  private final EmailTemplates templates;
  private final Accessor access;

  EmailTemplateApi(EmailTemplates templates, Accessor access) {
    this.templates = templates;
    this.access = access;
  }

  @GetMapping
  Map<String, Object> list() {
    access.require(Role.ADMIN, Role.MARKETING);
    return Map.of("items", templates.list().stream().map(EmailTemplateApi::view).toList(),
        "mergeFields", EmailTemplates.mergeFields());
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body) {
    EmailTemplate t = templates.create(body, access.current());
    return ResponseEntity.created(URI.create("/api/v1/email-templates/" + t.id())).eTag(etag(t)).body(view(t));
  }

  @GetMapping("/{id}")
  ResponseEntity<Map<String, Object>> get(@PathVariable UUID id) {
    access.require(Role.ADMIN, Role.MARKETING);
    EmailTemplate t = templates.get(id);
    return ResponseEntity.ok().eTag(etag(t)).body(view(t));
  }

  @PutMapping("/{id}")
  ResponseEntity<Map<String, Object>> replace(@PathVariable UUID id, @RequestBody Map<String, Object> body,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
    EmailTemplate t = templates.update(id, body, IfMatch.version(ifMatch, "template"), access.current());
    return ResponseEntity.ok().eTag(etag(t)).body(view(t));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable UUID id) {
    templates.delete(id, access.current());
    return ResponseEntity.noContent().build();
  }

  /** {@code {"leadId", "language"?}} → the mail that lead would get: {@code {"language","subject","html","text"}}. */
  @PostMapping("/{id}/preview")
  Map<String, Object> preview(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
    return view(templates.preview(id, uuid(body.get("leadId"), "leadId", true), language(body.get("language")),
        access.current()));
  }

  /** {@code {"leadId"?}} → sends the rendered mail to the caller's own address through the outbox. */
  @PostMapping("/{id}/test")
  ResponseEntity<Map<String, Object>> test(@PathVariable UUID id, @RequestBody(required = false) @Nullable Map<String, Object> body) {
    UUID lead = body == null ? null : uuid(body.get("leadId"), "leadId", false);
    return ResponseEntity.accepted().body(view(templates.testSend(id, lead, access.current())));
  }

  private static @Nullable UUID uuid(@Nullable Object raw, String field, boolean required) {
    if (raw == null) {
      if (required) {
        throw InvalidInput.of(field, "required");
      }
      return null;
    }
    try {
      return UUID.fromString(String.valueOf(raw));
    } catch (IllegalArgumentException e) {
      throw InvalidInput.of(field, "not an id");
    }
  }

  private static @Nullable String language(@Nullable Object raw) {
    if (raw == null) {
      return null;
    }
    if (!EmailTemplates.LANGUAGES.contains(String.valueOf(raw))) {
      throw InvalidInput.of("language", "one of " + EmailTemplates.LANGUAGES);
    }
    return String.valueOf(raw);
  }

  private static String etag(EmailTemplate t) {
    return "\"" + t.version() + "\"";
  }

  static Map<String, Object> view(EmailTemplates.Rendered r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("language", r.language());
    m.put("subject", r.subject());
    m.put("html", r.html());
    m.put("text", r.text());
    return m;
  }

  static Map<String, Object> view(EmailTemplate t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("name", t.name());
    m.put("defaultLanguage", t.defaultLanguage());
    Map<String, Object> variants = new LinkedHashMap<>();
    t.variants().forEach((lang, v) -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("subject", v.subject());
      one.put("html", v.html());
      one.put("text", v.text());
      variants.put(lang, one);
    });
    m.put("variants", variants);
    m.put("createdAt", ApiTime.format(t.createdAt()));
    m.put("updatedAt", ApiTime.format(t.updatedAt()));
    m.put("version", t.version());
    return m;
  }
}
