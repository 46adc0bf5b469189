package org.sarnakh.conversion.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sarnakh.conversion.FieldMapping;
import org.sarnakh.conversion.FieldMappings;
import org.sarnakh.conversion.MappingCatalog;
import org.sarnakh.conversion.MappingField;
import org.sarnakh.conversion.QualificationChecklist;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.RuleViolation;
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

/** {@code /settings/conversion}: the qualification checklist and the field mapping, for administrators. */
@Controller
@RequestMapping("/settings/conversion")
class ConversionSettingsPages {

  /** One lead field's row of the mapping form: where it goes now, where it may go, and its unmapped policy. */
  record Row(MappingField source, List<String> targets, List<String> choices, FieldMapping.Policy policy) {}

  private final QualificationChecklist checklist;
  private final FieldMappings mappings;
  private final MappingCatalog catalog;
  private final Accessor access;

  ConversionSettingsPages(QualificationChecklist checklist, FieldMappings mappings, MappingCatalog catalog,
      Accessor access) {
    this.checklist = checklist;
    this.mappings = mappings;
    this.catalog = catalog;
    this.access = access;
  }

  @GetMapping
  String page(Model model) {
    access.require(Role.ADMIN);
    return page(model, mappings.effective(), Map.of(), FormErrors.NONE, FormErrors.NONE);
  }

  @PostMapping("/items")
  String define(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String label,
      Model model, HttpServletResponse response, RedirectAttributes redirect) {
    CurrentUser user = access.require(Role.ADMIN);
    try {
      checklist.define(code, label, user);
      redirect.addFlashAttribute("flash", Flash.success("conversion.settings.itemAdded", code.strip()));
      return "redirect:/settings/conversion";
    } catch (InvalidInput e) {
      response.setStatus(400);
      return page(model, mappings.effective(), Map.of("code", code, "label", label), FormErrors.of(e), FormErrors.NONE);
    } catch (DomainConflict e) {
      response.setStatus(409);
      return page(model, mappings.effective(), Map.of("code", code, "label", label), FormErrors.of("code",
          e.getMessage()), FormErrors.NONE);
    }
  }

  @PostMapping("/items/{code}/{state:activate|deactivate}")
  String setActive(@PathVariable String code, @PathVariable String state, RedirectAttributes redirect) {
    checklist.setActive(code, state.equals("activate"), access.require(Role.ADMIN));
    redirect.addFlashAttribute("flash", Flash.success("conversion.settings.itemSaved", code));
    return "redirect:/settings/conversion";
  }

  @PostMapping("/mapping")
  String saveMapping(@RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response,
      RedirectAttributes redirect) {
    CurrentUser user = access.require(Role.ADMIN);
    List<Map<String, String>> rules = new ArrayList<>();
    Map<String, String> unmapped = new LinkedHashMap<>();
    for (MappingField s : catalog.sources()) {
      for (String t : form.getOrDefault("targets." + s.name(), List.of())) {
        rules.add(Map.of("source", s.name(), "target", t));
      }
      unmapped.put(s.name(), form.getFirst("policy." + s.name()) == null ? "NOTE" : form.getFirst("policy." + s.name()));
    }
    try {
      mappings.save(Map.of("rules", rules, "unmapped", unmapped), user);
      redirect.addFlashAttribute("flash", Flash.success("conversion.settings.mappingSaved"));
      return "redirect:/settings/conversion";
    } catch (InvalidInput e) {
      response.setStatus(400);
      return page(model, mappings.effective(), Map.of(), FormErrors.NONE, FormErrors.of(e));
    } catch (RuleViolation e) {
      response.setStatus(422);
      Map<String, String> errors = new LinkedHashMap<>();
      e.problems().forEach(p -> errors.putIfAbsent(p.field(), p.message()));
      return page(model, mappings.effective(), Map.of(), FormErrors.NONE, new FormErrors(errors));
    }
  }

  @PostMapping("/mapping/reset")
  String reset(RedirectAttributes redirect) {
    mappings.reset(access.require(Role.ADMIN));
    redirect.addFlashAttribute("flash", Flash.success("conversion.settings.mappingReset"));
    return "redirect:/settings/conversion";
  }

  private String page(Model model, FieldMapping mapping, Map<String, String> values, FormErrors errors,
      FormErrors mappingErrors) {
    List<Row> rows = new ArrayList<>();
    for (MappingField s : catalog.sources()) {
      List<String> choices = new ArrayList<>();
      for (MappingField t : catalog.targets()) {
        if (t.refuses(s) == null) {
          choices.add(t.name());
        }
      }
      String leaf = s.name().startsWith("customFields.") ? s.name().substring("customFields.".length())
          : s.name().replace(".", "");
      for (String entity : List.of("contact", "account", "opportunity")) {
        catalog.target(entity + ".customFields." + leaf).filter(t -> t.refuses(s) == null)
            .ifPresent(t -> choices.add(t.name()));
      }
      List<String> targets = mapping.rules().stream().filter(r -> r.source().equals(s.name()))
          .map(FieldMapping.Rule::target).toList();
      targets.stream().filter(t -> !choices.contains(t)).forEach(choices::add);
      rows.add(new Row(s, targets, choices, mapping.unmapped().getOrDefault(s.name(), FieldMapping.Policy.NOTE)));
    }
    model.addAttribute("items", checklist.items(true));
    model.addAttribute("rows", rows);
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    model.addAttribute("mappingErrors", mappingErrors);
    return "conversion/settings";
  }
}
