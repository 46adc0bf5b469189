package org.sarnakh.crm.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.sarnakh.crm.Account;
import org.sarnakh.crm.Accounts;
import org.sarnakh.crm.Contact;
import org.sarnakh.crm.Contacts;
import org.sarnakh.crm.Opportunities;
import org.sarnakh.crm.Opportunity;
import org.sarnakh.crm.Page;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.CodeLists;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.lead.TimelineItem;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Pages of accounts, contacts and opportunities: keyset lists with search, detail pages with the
 * timeline and score of the lead a record came from, create and edit forms, and the pipeline board.
 */
@Controller
class CrmPages {

  static final int PAGE = 50;

  /** One line of a list. */
  record Row(UUID id, String name, @Nullable String detail, Instant createdAt) {}

  /** The lead a record came from, as its reader may see it, with its timeline. */
  record OriginLead(Lead lead, List<TimelineItem> timeline) {}

  private final Accounts accounts;
  private final Contacts contacts;
  private final Opportunities opportunities;
  private final LeadQueries leads;
  private final CodeLists lists;
  private final Accessor access;

  CrmPages(Accounts accounts, Contacts contacts, Opportunities opportunities, LeadQueries leads, CodeLists lists,
      Accessor access) {
    this.accounts = accounts;
    this.contacts = contacts;
    this.opportunities = opportunities;
    this.leads = leads;
    this.lists = lists;
    this.access = access;
  }

  @GetMapping("/accounts")
  String accounts(@RequestParam(required = false) @Nullable String q,
      @RequestParam(required = false) @Nullable String cursor, Model model) {
    access.current();
    Page<Account> page = accounts.list(PAGE, cursor, q);
    return list(model, "accounts", q, page.nextCursor(), page.items().stream()
        .map(a -> new Row(a.id(), a.name(), a.website(), a.createdAt())).toList());
  }

  @GetMapping("/contacts")
  String contacts(@RequestParam(required = false) @Nullable String q,
      @RequestParam(required = false) @Nullable String cursor, Model model) {
    access.current();
    Page<Contact> page = contacts.list(PAGE, cursor, null, q);
    return list(model, "contacts", q, page.nextCursor(), page.items().stream()
        .map(c -> new Row(c.id(), c.displayName(), c.email(), c.createdAt())).toList());
  }

  @GetMapping("/opportunities")
  String opportunities(@RequestParam(required = false) @Nullable String q,
      @RequestParam(required = false) @Nullable String cursor, Model model) {
    CurrentUser user = access.current();
    Page<Opportunity> page = opportunities.list(PAGE, cursor, null, q, null);
    Map<String, String> stages = stageLabels(user);
    return list(model, "opportunities", q, page.nextCursor(), page.items().stream()
        .map(o -> new Row(o.id(), o.name(), stages.getOrDefault(o.stage(), o.stage()), o.createdAt())).toList());
  }

  private String list(Model model, String kind, @Nullable String q, @Nullable String next, List<Row> rows) {
    model.addAttribute("kind", kind);
    model.addAttribute("q", q == null ? "" : q);
    model.addAttribute("rows", rows);
    model.addAttribute("nextUrl", next == null ? null : UriComponentsBuilder.fromPath("/" + kind)
        .queryParamIfPresent("q", java.util.Optional.ofNullable(q == null || q.isBlank() ? null : q))
        .queryParam("cursor", next).build().encode().toUriString());
    return "crm/list";
  }

  @GetMapping("/accounts/{id}")
  String account(@PathVariable UUID id, Model model) {
    CurrentUser user = access.current();
    Account a = accounts.get(id);
    model.addAttribute("contacts", contacts.list(PAGE, null, id).items());
    model.addAttribute("deals", opportunities.list(PAGE, null, id).items());
    return detail(model, user, "accounts", id, a.name(), a.fields(), a.originLeadId(), a.createdAt());
  }

  @GetMapping("/contacts/{id}")
  String contact(@PathVariable UUID id, Model model) {
    CurrentUser user = access.current();
    Contact c = contacts.get(id);
    model.addAttribute("account", c.accountId() == null ? null : accounts.get(c.accountId()));
    model.addAttribute("notes", c.notes());
    model.addAttribute("deals", opportunities.fromLeadOrContact(c.originLeadId(), c.id()));
    return detail(model, user, "contacts", id, c.displayName(), c.fields(), c.originLeadId(), c.createdAt());
  }

  @GetMapping("/opportunities/{id}")
  String opportunity(@PathVariable UUID id, Model model) {
    CurrentUser user = access.current();
    Opportunity o = opportunities.get(id);
    model.addAttribute("account", accounts.get(o.accountId()));
    model.addAttribute("contact", o.contactId() == null ? null : contacts.get(o.contactId()));
    model.addAttribute("deal", o);
    model.addAttribute("stages", opportunities.stages(user.locale()));
    return detail(model, user, "opportunities", id, o.name(), o.fields(), o.originLeadId(), o.createdAt());
  }

  private String detail(Model model, CurrentUser user, String kind, UUID id, String name, Map<String, Object> fields,
      @Nullable UUID originLeadId, Instant createdAt) {
    model.addAttribute("kind", kind);
    model.addAttribute("id", id);
    model.addAttribute("name", name);
    model.addAttribute("values", CrmForm.values(fields));
    model.addAttribute("createdAt", createdAt);
    model.addAttribute("stageLabels", stageLabels(user));
    OriginLead origin = null;
    if (originLeadId != null) {
      origin = leads.visible(List.of(originLeadId), user).stream().findFirst()
          .map(l -> new OriginLead(l, leads.timeline(l.id(), user, 50, null))).orElse(null);
    }
    model.addAttribute("origin", origin);
    model.addAttribute("originHidden", originLeadId != null && origin == null);
    return "crm/detail";
  }

  @GetMapping({"/accounts/new", "/contacts/new", "/opportunities/new"})
  String create(jakarta.servlet.http.HttpServletRequest request, @RequestParam(required = false) @Nullable UUID accountId,
      Model model) {
    CurrentUser user = access.current();
    String kind = request.getRequestURI().substring(request.getContextPath().length()).split("/")[1];
    Map<String, String> values = new java.util.LinkedHashMap<>();
    if (accountId != null) {
      values.put("accountId", accountId.toString());
    }
    values.put("amount.currency", "IRR");
    values.put("annualRevenue.currency", "IRR");
    return form(model, user, kind, null, values, FormErrors.NONE);
  }

  @PostMapping("/{kind:accounts|contacts|opportunities}")
  String created(@PathVariable String kind, @RequestParam MultiValueMap<String, String> form, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    CurrentUser user = access.current();
    Map<String, Object> json = CrmForm.toJson(form, inputs(kind), true);
    return save(kind, null, form, model, response, redirect, user, () -> switch (kind) {
      case "accounts" -> accounts.create(json, user).id();
      case "contacts" -> contacts.create(json, user).id();
      default -> opportunities.create(json, user).id();
    });
  }

  @GetMapping("/{kind:accounts|contacts|opportunities}/{id}/edit")
  String edit(@PathVariable String kind, @PathVariable UUID id, Model model) {
    CurrentUser user = access.current();
    Map<String, String> values = new java.util.LinkedHashMap<>(CrmForm.values(fields(kind, id)));
    values.put("version", String.valueOf(version(kind, id)));
    return form(model, user, kind, id, values, FormErrors.NONE);
  }

  @PostMapping("/{kind:accounts|contacts|opportunities}/{id}")
  String edited(@PathVariable String kind, @PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
      @RequestParam(required = false) @Nullable Long version, Model model, HttpServletResponse response,
      RedirectAttributes redirect) {
    CurrentUser user = access.current();
    Map<String, Object> json = CrmForm.toJson(form, inputs(kind), false);
    return save(kind, id, form, model, response, redirect, user, () -> switch (kind) {
      case "accounts" -> accounts.update(id, json, version, user).id();
      case "contacts" -> contacts.update(id, json, version, user).id();
      default -> opportunities.update(id, json, version, user).id();
    });
  }

  /** The board's move button: the deal goes to {@code stage}, guarded by the version the board showed. */
  @PostMapping("/opportunities/{id}/stage")
  String move(@PathVariable UUID id, @RequestParam String stage, @RequestParam(required = false) @Nullable Long version,
      @RequestParam(defaultValue = "board") String back, RedirectAttributes redirect) {
    CurrentUser user = access.current();
    try {
      opportunities.update(id, Map.of("stage", stage), version, user);
      redirect.addFlashAttribute("flash", Flash.success("crm.board.moved"));
    } catch (InvalidInput e) {
      redirect.addFlashAttribute("flash", Flash.refused("crm.board.refused", e.problems().get(0).message()));
    } catch (StaleVersion | DomainConflict e) {
      redirect.addFlashAttribute("flash", Flash.refused("crm.board.refused", e.getMessage()));
    }
    return back.equals("detail") ? "redirect:/opportunities/" + id : "redirect:/opportunities/board";
  }

  @GetMapping("/opportunities/board")
  String board(Model model) {
    CurrentUser user = access.current();
    model.addAttribute("columns", opportunities.board(user.locale(), 20));
    return "crm/board";
  }

  private String save(String kind, @Nullable UUID id, MultiValueMap<String, String> form, Model model,
      HttpServletResponse response, RedirectAttributes redirect, CurrentUser user, Supplier<UUID> write) {
    try {
      UUID saved = write.get();
      redirect.addFlashAttribute("flash", Flash.success("crm.saved"));
      return "redirect:/" + kind + "/" + saved;
    } catch (InvalidInput e) {
      response.setStatus(400);
      return form(model, user, kind, id, form.toSingleValueMap(), FormErrors.of(e));
    } catch (StaleVersion e) {
      response.setStatus(409);
      model.addAttribute("stale", true);
      Map<String, String> typed = new java.util.LinkedHashMap<>(form.toSingleValueMap());
      typed.put("version", String.valueOf(version(kind, id)));
      return form(model, user, kind, id, typed, FormErrors.NONE);
    }
  }

  private String form(Model model, CurrentUser user, String kind, @Nullable UUID id, Map<String, String> values,
      FormErrors errors) {
    model.addAttribute("kind", kind);
    model.addAttribute("id", id);
    model.addAttribute("inputs", inputs(kind));
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    model.addAttribute("choices", Map.of(
        "industry", lists.list("industry", user.locale(), false),
        "stage", opportunities.stages(user.locale())));
    model.addAttribute("recentAccounts", kind.equals("accounts") ? List.of() : accounts.list(PAGE, null).items());
    return "crm/form";
  }

  private static List<CrmForm.Input> inputs(String kind) {
    return switch (kind) {
      case "accounts" -> CrmForm.ACCOUNT;
      case "contacts" -> CrmForm.CONTACT;
      default -> CrmForm.OPPORTUNITY;
    };
  }

  private Map<String, Object> fields(String kind, UUID id) {
    return switch (kind) {
      case "accounts" -> accounts.get(id).fields();
      case "contacts" -> contacts.get(id).fields();
      default -> opportunities.get(id).fields();
    };
  }

  private long version(String kind, @Nullable UUID id) {
    if (id == null) {
      return 0;
    }
    return switch (kind) {
      case "accounts" -> accounts.get(id).version();
      case "contacts" -> contacts.get(id).version();
      default -> opportunities.get(id).version();
    };
  }

  private Map<String, String> stageLabels(CurrentUser user) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    opportunities.stages(user.locale()).forEach(s -> m.put(s.code(), s.label()));
    return m;
  }
}
