package org.sarnakh.capture.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.capture.FormViews;
import org.sarnakh.capture.WebForm;
import org.sarnakh.capture.WebForms;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.lead.CodeLists;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
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
 * Web forms in the settings, for administrators and marketing: the list with submission counts,
 * the editor (fields picker, consent text per language, defaults, duplicates, redirect and
 * embedding), and on a saved form its public link and the two embed snippets to copy.
 */
@Controller
@RequestMapping("/settings/forms")
class FormPages {

  static final List<String> LANGUAGES = List.of("fa", "ar", "en");
  static final int PAGE = 100;

  private final WebForms forms;
  private final FormViews views;
  private final UserDirectory directory;
  private final CodeLists codes;
  private final Accessor access;

  FormPages(WebForms forms, FormViews views, UserDirectory directory, CodeLists codes, Accessor access) {
    this.forms = forms;
    this.views = views;
    this.directory = directory;
    this.codes = codes;
    this.access = access;
  }

  @GetMapping
  String list(Model model) {
    access.require(Role.ADMIN, Role.MARKETING);
    List<WebForm> page = forms.page(PAGE, true, null, null);
    model.addAttribute("forms", page);
    model.addAttribute("counts", forms.submissionCounts(page.stream().map(WebForm::id).toList()));
    return "settings/forms";
  }

  @GetMapping("/new")
  String create(Model model) {
    CurrentUser user = access.require(Role.ADMIN, Role.MARKETING);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("language", user.locale());
    values.put("active", "on");
    values.put("onDuplicate", "UPDATE");
    values.put("use.firstName", "on");
    values.put("use.lastName", "on");
    values.put("use.email", "on");
    values.put("required.email", "on");
    return editor(model, user, null, values, FormErrors.NONE);
  }

  @PostMapping
  String save(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response,
      RedirectAttributes redirect) {
    CurrentUser user = access.require(Role.ADMIN, Role.MARKETING);
    try {
      WebForm form = forms.create(definition(params), user);
      redirect.addFlashAttribute("flash", Flash.success("forms.settings.created", form.name()));
      return "redirect:/settings/forms/" + form.id();
    } catch (InvalidInput e) {
      response.setStatus(400);
      return editor(model, user, null, typed(params), FormErrors.of(e));
    }
  }

  @GetMapping("/{id}")
  String edit(@PathVariable UUID id, Model model) {
    CurrentUser user = access.require(Role.ADMIN, Role.MARKETING);
    WebForm form = forms.get(id);
    return editor(model, user, form, values(form), FormErrors.NONE);
  }

  @PostMapping("/{id}")
  String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    CurrentUser user = access.require(Role.ADMIN, Role.MARKETING);
    WebForm current = forms.get(id);
    Integer version = null;
    try {
      version = Integer.valueOf(params.getFirst("version"));
    } catch (NumberFormatException e) {
      // no version: the save overwrites knowingly
    }
    try {
      Map<String, Object> def = definition(params);
      // Every writable member is sent, so the merge patch replaces the form's definition whole.
      WebForm form = forms.update(id, def, version);
      redirect.addFlashAttribute("flash", Flash.success("forms.settings.saved", form.name()));
      return "redirect:/settings/forms/" + form.id();
    } catch (InvalidInput e) {
      response.setStatus(400);
      return editor(model, user, current, typed(params), FormErrors.of(e));
    } catch (StaleVersion | DomainConflict e) {
      response.setStatus(409);
      Map<String, String> typed = typed(params);
      typed.put("version", Integer.toString(current.version()));
      model.addAttribute("stale", true);
      return editor(model, user, current, typed, FormErrors.NONE);
    }
  }

  @PostMapping("/{id}/delete")
  String delete(@PathVariable UUID id, RedirectAttributes redirect) {
    access.require(Role.ADMIN, Role.MARKETING);
    WebForm form = forms.get(id);
    forms.delete(id);
    redirect.addFlashAttribute("flash", Flash.success("forms.settings.deleted", form.name()));
    return "redirect:/settings/forms";
  }

  private String editor(Model model, CurrentUser user, @Nullable WebForm form, Map<String, String> values,
      FormErrors errors) {
    model.addAttribute("form", form);
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    model.addAttribute("fields", fieldRows(values));
    model.addAttribute("languages", LANGUAGES);
    model.addAttribute("sources", options(codes.list("lead_source", user.locale(), false).stream()
        .map(c -> Map.entry(c.code(), c.label()))));
    model.addAttribute("owners", options(directory.list().stream().filter(u -> u.active())
        .map(u -> Map.entry(u.id().toString(), u.displayName()))));
    model.addAttribute("teams", options(directory.teams().stream().map(t -> Map.entry(t.id().toString(), t.name()))));
    if (form != null) {
      model.addAttribute("publicUrl", views.publicUrl(form));
      model.addAttribute("embedHtml", views.embedHtml(form));
      model.addAttribute("embedScript", views.embedScript(form));
      model.addAttribute("submissions", forms.submissionCounts(List.of(form.id())).get(form.id()));
    }
    return "settings/form-edit";
  }

  private static Map<String, String> options(java.util.stream.Stream<Map.Entry<String, String>> entries) {
    Map<String, String> m = new LinkedHashMap<>();
    entries.forEach(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  /** The fields picker's rows: chosen fields first in their order, then the others. */
  private static List<Map<String, Object>> fieldRows(Map<String, String> values) {
    List<Map<String, Object>> rows = new ArrayList<>();
    List<String> all = new ArrayList<>(WebForm.PUBLIC_FIELDS);
    for (int i = 0; i < all.size(); i++) {
      String f = all.get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", f);
      row.put("id", f.replace('.', '-'));
      row.put("used", values.containsKey("use." + f));
      row.put("order", values.getOrDefault("order." + f, Integer.toString(i + 1)));
      rows.add(row);
    }
    rows.sort(Comparator.comparing((Map<String, Object> r) -> !(Boolean) r.get("used"))
        .thenComparingInt(r -> order((String) r.get("order"))));
    return rows;
  }

  private static int order(@Nullable String s) {
    try {
      return s == null ? 999 : Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return 999;
    }
  }

  /** The page's inputs as the API's definition, so both are checked by the same rules. */
  static Map<String, Object> definition(MultiValueMap<String, String> p) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", first(p, "name"));
    d.put("language", first(p, "language"));
    d.put("active", p.containsKey("active"));
    List<String> chosen = new ArrayList<>();
    for (String f : WebForm.PUBLIC_FIELDS) {
      if (p.containsKey("use." + f)) {
        chosen.add(f);
      }
    }
    chosen.sort(Comparator.comparingInt(f -> order(p.getFirst("order." + f))));
    List<Map<String, Object>> fields = new ArrayList<>();
    for (String f : chosen) {
      Map<String, Object> field = new LinkedHashMap<>();
      field.put("name", f);
      Map<String, String> labels = new LinkedHashMap<>();
      LANGUAGES.forEach(l -> {
        String v = first(p, "label." + f + "." + l).strip();
        if (!v.isEmpty()) {
          labels.put(l, v);
        }
      });
      field.put("label", labels);
      field.put("required", p.containsKey("required." + f));
      fields.add(field);
    }
    d.put("fields", fields);
    if (p.containsKey("consent.enabled")) {
      Map<String, Object> consent = new LinkedHashMap<>();
      consent.put("required", p.containsKey("consent.required"));
      Map<String, String> texts = new LinkedHashMap<>();
      LANGUAGES.forEach(l -> {
        String v = first(p, "consent.text." + l).strip();
        if (!v.isEmpty()) {
          texts.put(l, v);
        }
      });
      consent.put("text", texts);
      String policy = first(p, "consent.policyUrl").strip();
      consent.put("policyUrl", policy.isEmpty() ? null : policy);
      d.put("consent", consent);
    } else {
      d.put("consent", null);
    }
    Map<String, Object> defaults = new LinkedHashMap<>();
    for (String k : List.of("leadSource", "campaignId", "ownerId", "teamId")) {
      String v = first(p, "defaults." + k).strip();
      if (!v.isEmpty()) {
        defaults.put(k, v);
      }
    }
    List<String> tags = words(first(p, "defaults.tags"), "[,،]");
    if (!tags.isEmpty()) {
      defaults.put("tags", tags);
    }
    d.put("defaults", defaults);
    d.put("onDuplicate", first(p, "onDuplicate").isBlank() ? "UPDATE" : first(p, "onDuplicate"));
    String redirectUrl = first(p, "redirectUrl").strip();
    d.put("redirectUrl", redirectUrl.isEmpty() ? null : redirectUrl);
    d.put("redirectHosts", words(first(p, "redirectHosts"), "[\\s,]+"));
    d.put("allowedOrigins", words(first(p, "allowedOrigins"), "[\\s,]+"));
    String perMinute = org.sarnakh.platform.text.TextKeys.digits(first(p, "submissionsPerMinute"));
    if (!first(p, "submissionsPerMinute").isBlank()) {
      d.put("submissionsPerMinute", perMinute.isEmpty() || perMinute.length() > 9 ? first(p, "submissionsPerMinute")
          : Integer.valueOf(perMinute));
    }
    return d;
  }

  private static Map<String, String> values(WebForm f) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("version", Integer.toString(f.version()));
    v.put("name", f.name());
    v.put("language", f.language());
    if (f.active()) {
      v.put("active", "on");
    }
    for (int i = 0; i < f.fields().size(); i++) {
      WebForm.Field field = f.fields().get(i);
      v.put("use." + field.name(), "on");
      v.put("order." + field.name(), Integer.toString(i + 1));
      if (field.required()) {
        v.put("required." + field.name(), "on");
      }
      field.labels().forEach((l, t) -> v.put("label." + field.name() + "." + l, t));
    }
    if (f.consent() != null) {
      v.put("consent.enabled", "on");
      if (f.consent().required()) {
        v.put("consent.required", "on");
      }
      f.consent().texts().forEach((l, t) -> v.put("consent.text." + l, t));
      if (f.consent().policyUrl() != null) {
        v.put("consent.policyUrl", f.consent().policyUrl());
      }
    }
    f.defaults().forEach((k, val) -> v.put("defaults." + k, val instanceof List<?> l
        ? String.join(", ", l.stream().map(String::valueOf).toList()) : String.valueOf(val)));
    v.put("onDuplicate", f.onDuplicate().name());
    v.put("redirectUrl", f.redirectUrl() == null ? "" : f.redirectUrl());
    v.put("redirectHosts", String.join(" ", f.redirectHosts()));
    v.put("allowedOrigins", String.join("\n", f.allowedOrigins()));
    v.put("submissionsPerMinute", f.submissionsPerMinute() == null ? "" : f.submissionsPerMinute().toString());
    return v;
  }

  private static Map<String, String> typed(MultiValueMap<String, String> p) {
    Map<String, String> v = new LinkedHashMap<>();
    p.forEach((k, list) -> {
      if (!list.isEmpty() && !"_csrf".equals(k)) {
        v.put(k, list.get(0));
      }
    });
    return v;
  }

  private static List<String> words(String s, String separator) {
    return Arrays.stream(s.split(separator)).map(String::strip).filter(w -> !w.isEmpty()).toList();
  }

  private static String first(MultiValueMap<String, String> p, String name) {
    String v = p.getFirst(name);
    return v == null ? "" : v;
  }
}
