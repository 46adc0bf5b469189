package org.sarnakh.nurture.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.nurture.EmailTemplate;
import org.sarnakh.nurture.EmailTemplates;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.StaleVersion;
import org.sarnakh.platform.web.Flash;
import org.sarnakh.platform.web.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Email template pages for marketing and administrators: the templates, and the editor with one
 * tab per language, the merge fields to copy, a preview rendered for a chosen lead (in a sandboxed
 * frame) and a test send to oneself.
 */
@Controller
@RequestMapping("/email-templates")
class EmailTemplatePages {

  private final EmailTemplates templates;
  private final Accessor access;

  EmailTemplatePages(EmailTemplates templates, Accessor access) {
    this.templates = templates;
    this.access = access;
  }

  @GetMapping
  String list(Model page) {
    access.require(Role.ADMIN, Role.MARKETING);
    page.addAttribute("templates", templates.list());
    return "templates/list";
  }

  @GetMapping("/new")
  String create(Model page) {
    access.require(Role.ADMIN, Role.MARKETING);
    return editor(page, null, values((EmailTemplate) null), FormErrors.NONE);
  }

  @GetMapping("/{id}")
  String edit(@PathVariable UUID id, Model page) {
    access.require(Role.ADMIN, Role.MARKETING);
    EmailTemplate t = templates.get(id);
    return editor(page, t, values(t), FormErrors.NONE);
  }

  @PostMapping
  String save(@RequestParam MultiValueMap<String, String> form, Model page, HttpServletResponse response,
      RedirectAttributes redirect) {
    CurrentUser user = access.require(Role.ADMIN, Role.MARKETING);
    Map<String, String> values = values(form);
    try {
      EmailTemplate t = templates.create(json(values), user);
      redirect.addFlashAttribute("flash", Flash.success("templates.saved", t.name()));
      return "redirect:/email-templates/" + t.id();
    } catch (InvalidInput e) {
      response.setStatus(400);
      return editor(page, null, values, FormErrors.of(e));
    }
  }

  @PostMapping("/{id}")
  String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model page,
      HttpServletResponse response, RedirectAttributes redirect) {
    CurrentUser user = access.require(Role.ADMIN, Role.MARKETING);
    EmailTemplate current = templates.get(id);
    Map<String, String> values = values(form);
    try {
      Long version = values.get("version").isEmpty() ? null : Long.valueOf(values.get("version"));
      EmailTemplate t = templates.update(id, json(values), version, user);
      redirect.addFlashAttribute("flash", Flash.success("templates.saved", t.name()));
      return "redirect:/email-templates/" + t.id();
    } catch (InvalidInput e) {
      response.setStatus(400);
      return editor(page, current, values, FormErrors.of(e));
    } catch (StaleVersion | DomainConflict | NumberFormatException e) {
      response.setStatus(409);
      page.addAttribute("stale", true);
      return editor(page, current, values, FormErrors.NONE);
    }
  }

  /** The saved template as a lead would get it; the form is shown as saved. */
  @PostMapping("/{id}/preview")
  String preview(@PathVariable UUID id, @RequestParam(required = false) @Nullable String leadId,
      @RequestParam(required = false) @Nullable String language, Model page, HttpServletResponse response) {
    CurrentUser user = access.require(Role.ADMIN, Role.MARKETING);
    EmailTemplate t = templates.get(id);
    try {
      UUID lead = UUID.fromString(leadId == null ? "" : leadId.strip());
      String lang = language == null || language.isBlank() ? null : language;
      page.addAttribute("rendered", templates.preview(id, lead, lang, user));
      page.addAttribute("leadId", lead);
      return editor(page, t, values(t), FormErrors.NONE);
    } catch (IllegalArgumentException | NotFound e) {
      response.setStatus(400);
      return editor(page, t, values(t), FormErrors.of("leadId", "not a lead you can see"));
    }
  }

  @PostMapping("/{id}/test")
  String test(@PathVariable UUID id, @RequestParam(required = false) @Nullable String leadId, RedirectAttributes redirect) {
    CurrentUser user = access.require(Role.ADMIN, Role.MARKETING);
    UUID lead = null;
    try {
      lead = leadId == null || leadId.isBlank() ? null : UUID.fromString(leadId.strip());
      templates.testSend(id, lead, user);
      redirect.addFlashAttribute("flash", Flash.success("templates.testSent", user.email()));
    } catch (IllegalArgumentException | NotFound e) {
      redirect.addFlashAttribute("flash", Flash.refused("templates.testRefused", "not a lead you can see"));
    }
    return "redirect:/email-templates/" + id;
  }

  private String editor(Model page, @Nullable EmailTemplate t, Map<String, String> values, FormErrors errors) {
    page.addAttribute("template", t);
    page.addAttribute("values", values);
    page.addAttribute("errors", errors);
    page.addAttribute("languages", EmailTemplates.LANGUAGES);
    page.addAttribute("mergeFields", EmailTemplates.mergeFields());
    return "templates/edit";
  }

  /** The form's inputs: name, default language, and per language {@code variants.<lang>.subject|html|text}. */
  private static Map<String, String> values(@Nullable EmailTemplate t) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("name", t == null ? "" : t.name());
    v.put("defaultLanguage", t == null ? "fa" : t.defaultLanguage());
    v.put("version", t == null ? "" : String.valueOf(t.version()));
    for (String lang : EmailTemplates.LANGUAGES) {
      EmailTemplate.Variant variant = t == null ? null : t.variants().get(lang);
      v.put("variants." + lang + ".subject", variant == null ? "" : variant.subject());
      v.put("variants." + lang + ".html", variant == null || variant.html() == null ? "" : variant.html());
      v.put("variants." + lang + ".text", variant == null ? "" : variant.text());
    }
    return v;
  }

  private static Map<String, String> values(MultiValueMap<String, String> form) {
    Map<String, String> v = values((EmailTemplate) null);
    for (String key : v.keySet().toArray(String[]::new)) {
      String given = form.getFirst(key);
      if (given != null) {
        v.put(key, given);
      }
    }
    return v;
  }

  /** A language with an empty subject and bodies is left out (not every template speaks all three). */
  private static Map<String, Object> json(Map<String, String> v) {
    Map<String, Object> variants = new LinkedHashMap<>();
    for (String lang : EmailTemplates.LANGUAGES) {
      String subject = v.get("variants." + lang + ".subject");
      String html = v.get("variants." + lang + ".html");
      String text = v.get("variants." + lang + ".text");
      if (subject.isBlank() && html.isBlank() && text.isBlank()) {
        continue;
      }
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("subject", subject);
      one.put("html", html);
      one.put("text", text);
      variants.put(lang, one);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", v.get("name"));
    m.put("defaultLanguage", v.get("defaultLanguage"));
    m.put("variants", variants);
    return m;
  }
}
