package org.sarnakh.lead.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Custom lead fields, for administrators: the defined ones, and defining another. */
@Controller
@RequestMapping("/settings/custom-fields")
class CustomFieldPages {

  static final List<String> TYPES = List.of("TEXT", "NUMBER", "BOOLEAN", "DATE");

  private final CodeLists lists;
  private final Accessor access;

  CustomFieldPages(CodeLists lists, Accessor access) {
    this.lists = lists;
    this.access = access;
  }

  @GetMapping
  String fields(Model model) {
    access.require(Role.ADMIN);
    return page(model, Map.of("type", "TEXT"), FormErrors.NONE);
  }

  @PostMapping
  String define(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String label,
      @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String maxLength, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    access.require(Role.ADMIN);
    Map<String, String> typed = new LinkedHashMap<>();
    typed.put("name", name);
    typed.put("label", label);
    typed.put("type", type);
    typed.put("maxLength", maxLength);
    try {
      var field = lists.defineCustomField(name.strip(), label, type.isBlank() ? null : type, maxLength(maxLength));
      redirect.addFlashAttribute("flash", Flash.success("settings.customFields.defined", field.name()));
      return "redirect:/settings/custom-fields";
    } catch (InvalidInput e) {
      response.setStatus(400);
      return page(model, typed, FormErrors.of(e));
    } catch (DomainConflict e) {
      response.setStatus(409);
      return page(model, typed, FormErrors.of("name", e.getMessage()));
    }
  }

  private String page(Model model, Map<String, String> values, FormErrors errors) {
    model.addAttribute("fields", lists.customFields());
    model.addAttribute("types", TYPES);
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    return "settings/custom-fields";
  }

  /**
   * Empty is the default length. Digits of any script parse, so Persian and Arabic keyboards work
   * too; anything else becomes 0, which the use case refuses together with the form's other problems.
   */
  private static @Nullable Integer maxLength(String typed) {
    if (typed.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(typed.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
