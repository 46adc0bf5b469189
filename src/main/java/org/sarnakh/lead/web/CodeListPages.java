package org.sarnakh.lead.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.CodeLists;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.web.Flash;
import org.sarnakh.platform.web.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin-managed lists (lead sources, industries, sub-industries, lost reasons) on pages:
 * codes with their labels in the three languages, adding a code, and switching one off or on.
 * Codes are never deleted, since leads keep them.
 */
@Controller
@RequestMapping("/settings/lists/{list}")
class CodeListPages {

  static final String[] LANGUAGES = {"en", "fa", "ar"};

  private final CodeLists lists;
  private final Accessor access;

  CodeListPages(CodeLists lists, Accessor access) {
    this.lists = lists;
    this.access = access;
  }

  @GetMapping
  String codes(@PathVariable String list, Model model) {
    access.require(Role.ADMIN);
    return page(model, list, Map.of(), FormErrors.NONE);
  }

  @PostMapping
  String add(@PathVariable String list, @RequestParam(defaultValue = "") String code,
      @RequestParam(name = "labels.en", defaultValue = "") String en,
      @RequestParam(name = "labels.fa", defaultValue = "") String fa,
      @RequestParam(name = "labels.ar", defaultValue = "") String ar, Model model, HttpServletResponse response,
      RedirectAttributes redirect) {
    access.require(Role.ADMIN);
    String kind = CodeLists.kind(list);
    Map<String, String> typed = new LinkedHashMap<>();
    typed.put("code", code);
    typed.put("labels.en", en);
    typed.put("labels.fa", fa);
    typed.put("labels.ar", ar);
    try {
      var added = lists.add(kind, code.strip(), labels(en, fa, ar));
      redirect.addFlashAttribute("flash", Flash.success("settings.lists.added", added.code()));
      return "redirect:/settings/lists/" + list;
    } catch (InvalidInput e) {
      response.setStatus(400);
      return page(model, list, typed, FormErrors.of(e));
    } catch (DomainConflict e) {
      response.setStatus(409);
      return page(model, list, typed, FormErrors.of("code", e.getMessage()));
    }
  }

  @PostMapping("/{code}/deactivate")
  String deactivate(@PathVariable String list, @PathVariable String code, RedirectAttributes redirect) {
    return setActive(list, code, false, redirect);
  }

  @PostMapping("/{code}/activate")
  String activate(@PathVariable String list, @PathVariable String code, RedirectAttributes redirect) {
    return setActive(list, code, true, redirect);
  }

  private String setActive(String list, String code, boolean active, RedirectAttributes redirect) {
    access.require(Role.ADMIN);
    lists.setActive(CodeLists.kind(list), code, active);
    redirect.addFlashAttribute("flash", Flash.success(active ? "settings.lists.activated" : "settings.lists.deactivated",
        code));
    return "redirect:/settings/lists/" + list;
  }

  private String page(Model model, String list, Map<String, String> values, FormErrors errors) {
    model.addAttribute("list", list);
    model.addAttribute("codes", lists.list(CodeLists.kind(list), "en", true));
    model.addAttribute("languages", LANGUAGES);
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    return "settings/list";
  }

  /** Labels as the use case takes them: an empty Persian or Arabic label is left out, so the English one stands in. */
  private static Map<String, String> labels(String en, String fa, String ar) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (!en.isBlank()) {
      labels.put("en", en);
    }
    if (!fa.isBlank()) {
      labels.put("fa", fa);
    }
    if (!ar.isBlank()) {
      labels.put("ar", ar);
    }
    return labels;
  }
}
