package org.sarnakh.conversion.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.conversion.Conversion;
import org.sarnakh.conversion.FieldMapping;
import org.sarnakh.conversion.LeadConversion;
import org.sarnakh.conversion.QualificationChecklist;
import org.sarnakh.crm.Accounts;
import org.sarnakh.crm.Opportunities;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadManagement;
import org.sarnakh.lead.LeadQueries;
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

/**
 * The convert page: what the lead's values become (prefilled from the mapping, editable), the
 * contacts and accounts the duplicate guard proposes to link, an optional deal; and the checklist
 * ticks of the lead page. Refusals re-render the form with inline messages and keep what was typed.
 */
@Controller
@RequestMapping("/leads/{id}")
class ConversionPages {

  static final List<String> CONTACT_FIELDS = List.of("firstName", "lastName", "email", "phone", "mobile", "title");
  static final List<String> ACCOUNT_FIELDS = List.of("name", "website");

  private final LeadConversion conversion;
  private final QualificationChecklist checklist;
  private final LeadManagement management;
  private final LeadQueries leads;
  private final Accounts accounts;
  private final Opportunities opportunities;
  private final Accessor access;

  ConversionPages(LeadConversion conversion, QualificationChecklist checklist, LeadManagement management,
      LeadQueries leads, Accounts accounts, Opportunities opportunities, Accessor access) {
    this.conversion = conversion;
    this.checklist = checklist;
    this.management = management;
    this.leads = leads;
    this.accounts = accounts;
    this.opportunities = opportunities;
    this.access = access;
  }

  @GetMapping("/convert")
  String form(@PathVariable UUID id, Model model, RedirectAttributes redirect) {
    CurrentUser user = access.current();
    Lead lead = leads.get(new LeadId(id), user);
    try {
      lead = management.convertible(lead.id(), user);
    } catch (DomainConflict e) {
      redirect.addFlashAttribute("flash", Flash.refused("conversion.refused", e.getMessage()));
      return "redirect:/leads/" + id;
    }
    return page(model, user, lead, prefilled(lead), FormErrors.NONE, null, List.of());
  }

  @PostMapping("/convert")
  String convert(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    CurrentUser user = access.current();
    LeadId leadId = new LeadId(id);
    Map<String, String> typed = form.toSingleValueMap();
    try {
      Conversion done = conversion.convert(leadId, body(form), user, Actor.Channel.UI);
      redirect.addFlashAttribute("flash", Flash.success("conversion.done"));
      return "redirect:/contacts/" + done.contactId();
    } catch (InvalidInput e) {
      response.setStatus(400);
      return page(model, user, leads.get(leadId, user), typed, FormErrors.of(e), null, List.of());
    } catch (RuleViolation e) {
      response.setStatus(422);
      Map<String, String> errors = new LinkedHashMap<>();
      e.problems().forEach(p -> errors.putIfAbsent(p.field(), p.message()));
      return page(model, user, leads.get(leadId, user), typed, new FormErrors(errors), e.getMessage(), List.of());
    } catch (DomainConflict e) {
      response.setStatus(409);
      Object matches = e.properties().get("matches");
      return page(model, user, leads.get(leadId, user), typed, FormErrors.NONE, e.getMessage(),
          matches instanceof List<?> l ? l : List.of());
    }
  }

  @PostMapping("/qualification")
  String tick(@PathVariable UUID id, @RequestParam(name = "checked", required = false) @Nullable List<String> checked,
      RedirectAttributes redirect) {
    try {
      checklist.tick(new LeadId(id), checked == null ? List.of() : checked, access.current());
      redirect.addFlashAttribute("flash", Flash.success("conversion.checklistSaved"));
    } catch (DomainConflict e) {
      redirect.addFlashAttribute("flash", Flash.refused("conversion.refused", e.getMessage()));
    }
    return "redirect:/leads/" + id;
  }

  private String page(Model model, CurrentUser user, Lead lead, Map<String, String> values, FormErrors errors,
      @Nullable String problem, List<?> matches) {
    FieldMapping.Applied preview = conversion.preview(lead);
    model.addAttribute("lead", lead);
    model.addAttribute("name", lead.displayName());
    model.addAttribute("checklist", checklist.state(lead.id()));
    model.addAttribute("contactMatches", conversion.contactMatches(lead));
    model.addAttribute("accountMatches", accounts.matching(lead.text(LeadField.ACCOUNT_NAME),
        lead.text(LeadField.WEBSITE), 10));
    model.addAttribute("stages", opportunities.stages(user.locale()));
    model.addAttribute("notes", preview.notes());
    model.addAttribute("refused", preview.refused());
    model.addAttribute("contactFields", CONTACT_FIELDS);
    model.addAttribute("accountFields", ACCOUNT_FIELDS);
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    model.addAttribute("problem", problem);
    model.addAttribute("matches", matches);
    return "conversion/convert";
  }

  /**
   * The form's first values: the mapped ones; the contact and account the duplicate guard found, or
   * new ones (no account when the lead names no company); a deal when the lead has an amount.
   */
  private Map<String, String> prefilled(Lead lead) {
    FieldMapping.Applied preview = conversion.preview(lead);
    Map<String, String> v = new LinkedHashMap<>();
    CONTACT_FIELDS.forEach(f -> put(v, "contact." + f, preview.of("contact").get(f)));
    ACCOUNT_FIELDS.forEach(f -> put(v, "account." + f, preview.of("account").get(f)));
    // What the duplicate guard found is proposed first: linking is what a person usually wants.
    var contacts = conversion.contactMatches(lead);
    v.put("contact", contacts.isEmpty() ? "create" : contacts.get(0).id().toString());
    var companies = accounts.matching(lead.text(LeadField.ACCOUNT_NAME), lead.text(LeadField.WEBSITE), 1);
    v.put("account", !companies.isEmpty() ? companies.get(0).id().toString()
        : v.containsKey("account.name") ? "create" : "none");
    if (preview.of("opportunity").get("amount") instanceof Map<?, ?> amount) {
      v.put("opportunity", "on");
      put(v, "opportunity.amount", amount.get("amount"));
      put(v, "opportunity.currency", amount.get("currency"));
    }
    put(v, "opportunity.name", preview.of("account").get("name"));
    v.putIfAbsent("opportunity.currency", "IRR");
    v.put("opportunity.stage", opportunities.firstStage());
    return v;
  }

  private static void put(Map<String, String> v, String key, @Nullable Object value) {
    if (value != null) {
      v.put(key, String.valueOf(value));
    }
  }

  /** The convert request the form asks for (PRODUCT.md §9 shape). */
  static Map<String, Object> body(MultiValueMap<String, String> form) {
    Map<String, Object> body = new LinkedHashMap<>();
    boolean allow = form.containsKey("allowDuplicate");
    body.put("contact", part(form, "contact", CONTACT_FIELDS, allow));
    body.put("account", part(form, "account", ACCOUNT_FIELDS, allow));
    if (form.containsKey("opportunity")) {
      Map<String, Object> deal = new LinkedHashMap<>();
      putText(deal, "name", form.getFirst("opportunity.name"));
      putText(deal, "closeDate", form.getFirst("opportunity.closeDate"));
      putText(deal, "stage", form.getFirst("opportunity.stage"));
      String amount = form.getFirst("opportunity.amount");
      if (amount != null && !amount.isBlank()) {
        deal.put("amount", Map.of("amount", amount.strip(), "currency",
            String.valueOf(form.getFirst("opportunity.currency")).strip()));
      }
      body.put("opportunity", deal);
    }
    return body;
  }

  private static @Nullable Map<String, Object> part(MultiValueMap<String, String> form, String name,
      List<String> fields, boolean allowDuplicate) {
    String choice = form.getFirst(name);
    if (choice == null || choice.equals("none")) {
      return null;
    }
    if (!choice.equals("create")) {
      return Map.of("existingId", choice);
    }
    Map<String, Object> create = new LinkedHashMap<>();
    for (String f : fields) {
      String v = form.getFirst(name + "." + f);
      // An emptied input clears the mapped value; an input not on the form leaves it as mapped.
      if (v != null) {
        create.put(f, v.strip());
      }
    }
    return Map.of("create", create, "allowDuplicate", allowDuplicate);
  }

  private static void putText(Map<String, Object> m, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      m.put(key, value.strip());
    }
  }
}
