package org.sarnakh.lead.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.Activity;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.CodeLists;
import org.sarnakh.lead.DuplicateLead;
import org.sarnakh.lead.HistoryEntry;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadActivities;
import org.sarnakh.lead.LeadCatalog;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadManagement;
import org.sarnakh.lead.LeadMatching;
import org.sarnakh.lead.LeadMatching.OnDuplicate;
import org.sarnakh.lead.LeadPanel;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.lead.LeadStatus;
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
 * One lead on pages: its detail with status actions, timeline, activities and change log; the
 * create and edit form with inline messages. Every change goes through the same use cases as the
 * API and is logged with the channel {@code UI}.
 */
@Controller
@RequestMapping("/leads")
class LeadRecordPages {

  static final int HISTORY_PAGE = 50;
  static final List<String> CURRENCIES = List.of("IRR", "USD", "EUR", "AED", "SAR", "IQD", "TRY", "GBP", "QAR", "KWD",
      "OMR", "JOD");

  private final LeadManagement leads;
  private final LeadQueries queries;
  private final LeadActivities activities;
  private final CodeLists lists;
  private final LeadLabels labels;
  private final LeadMatching matching;
  private final LeadCatalog catalog;
  private final List<LeadPanel> panels;
  private final Accessor access;

  /** A panel ready to render: where its fragment is and what it shows. */
  record Panel(String template, String fragment, Object model) {}

  LeadRecordPages(LeadManagement leads, LeadQueries queries, LeadActivities activities, CodeLists lists,
      LeadLabels labels, LeadMatching matching, LeadCatalog catalog, List<LeadPanel> panels, Accessor access) {
    this.leads = leads;
    this.queries = queries;
    this.activities = activities;
    this.lists = lists;
    this.labels = labels;
    this.matching = matching;
    this.catalog = catalog;
    this.panels = List.copyOf(panels);
    this.access = access;
  }

  @GetMapping("/new")
  String newLead(Model model) {
    CurrentUser user = access.current();
    return form(model, user, null, Map.of("opportunityAmount.currency", "IRR", "annualRevenue.currency", "IRR"),
        FormErrors.NONE);
  }

  @PostMapping
  String create(@RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response,
      RedirectAttributes redirect) {
    CurrentUser user = access.current();
    try {
      Lead lead = leads.create(LeadForm.toJson(form, lists.customFields(), true), user, Actor.Channel.UI,
          confirmed(form)).lead();
      redirect.addFlashAttribute("flash", Flash.success("lead.created"));
      return "redirect:/leads/" + lead.id();
    } catch (InvalidInput e) {
      response.setStatus(400);
      return form(model, user, null, LeadForm.typed(form), FormErrors.of(e));
    } catch (DuplicateLead e) {
      response.setStatus(409);
      model.addAttribute("duplicates", e.matches());
      return form(model, user, null, LeadForm.typed(form), FormErrors.NONE);
    }
  }

  @GetMapping("/{id}")
  String detail(@PathVariable UUID id, @RequestParam(defaultValue = "timeline") String tab, Model model) {
    CurrentUser user = access.current();
    return detail(model, user, queries.get(new LeadId(id), user), tab, Map.of(), FormErrors.NONE);
  }

  @GetMapping("/{id}/edit")
  String edit(@PathVariable UUID id, Model model) {
    CurrentUser user = access.current();
    Lead lead = queries.get(new LeadId(id), user);
    return form(model, user, lead, LeadForm.values(lead), FormErrors.NONE);
  }

  @PostMapping("/{id}")
  String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
      @RequestParam(required = false) @Nullable Long version, Model model, HttpServletResponse response,
      RedirectAttributes redirect) {
    CurrentUser user = access.current();
    LeadId leadId = new LeadId(id);
    try {
      leads.edit(leadId, LeadForm.toJson(form, lists.customFields(), false), version, user, Actor.Channel.UI,
          confirmed(form));
      redirect.addFlashAttribute("flash", Flash.success("lead.saved"));
      return "redirect:/leads/" + id;
    } catch (DuplicateLead e) {
      response.setStatus(409);
      model.addAttribute("duplicates", e.matches());
      return form(model, user, queries.get(leadId, user), LeadForm.typed(form), FormErrors.NONE);
    } catch (InvalidInput e) {
      response.setStatus(400);
      return form(model, user, queries.get(leadId, user), LeadForm.typed(form), FormErrors.of(e));
    } catch (StaleVersion e) {
      // Keep what the user typed; saving again now overwrites the other change knowingly.
      response.setStatus(409);
      model.addAttribute("stale", true);
      return form(model, user, queries.get(leadId, user), LeadForm.typed(form), FormErrors.NONE);
    }
  }

  @PostMapping("/{id}/status")
  String status(@PathVariable UUID id, @RequestParam(required = false) @Nullable LeadStatus status,
      @RequestParam(required = false) @Nullable String reason, RedirectAttributes redirect) {
    CurrentUser user = access.current();
    try {
      if (status == null) {
        throw InvalidInput.of("status", "required");
      }
      leads.changeStatus(new LeadId(id), status, reason == null || reason.isBlank() ? null : reason, user,
          Actor.Channel.UI);
      redirect.addFlashAttribute("flash", Flash.success("lead.statusChanged"));
    } catch (InvalidInput e) {
      redirect.addFlashAttribute("flash", Flash.refused("lead.statusRefused", e.problems().get(0).message()));
    } catch (DomainConflict e) {
      redirect.addFlashAttribute("flash", Flash.refused("lead.statusRefused", e.getMessage()));
    }
    return "redirect:/leads/" + id;
  }

  @PostMapping("/{id}/delete")
  String delete(@PathVariable UUID id, RedirectAttributes redirect) {
    leads.delete(new LeadId(id), access.current(), Actor.Channel.UI);
    redirect.addFlashAttribute("flash", Flash.success("lead.deleted"));
    return "redirect:/leads";
  }

  @PostMapping("/{id}/restore")
  String restore(@PathVariable UUID id, RedirectAttributes redirect) {
    leads.restore(new LeadId(id), access.current(), Actor.Channel.UI);
    redirect.addFlashAttribute("flash", Flash.success("lead.restored"));
    return "redirect:/leads/" + id;
  }

  @PostMapping("/{id}/activities")
  String addActivity(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    CurrentUser user = access.current();
    LeadId leadId = new LeadId(id);
    try {
      String due = dueAt(form.getFirst("dueAt"), user);
      boolean planned = "PLANNED".equals(form.getFirst("state"));
      activities.add(leadId, new LeadActivities.NewActivity(form.getFirst("kind"), form.getFirst("subject"),
          form.getFirst("body"), planned ? "PLANNED" : "DONE", due), user);
      redirect.addFlashAttribute("flash", Flash.success(planned ? "activity.planned" : "activity.logged"));
      return "redirect:/leads/" + id + "?tab=activities";
    } catch (InvalidInput e) {
      response.setStatus(400);
      return detail(model, user, queries.get(leadId, user), "activities", LeadForm.typed(form), FormErrors.of(e));
    }
  }

  @PostMapping("/{id}/activities/{activityId}/state")
  String completeActivity(@PathVariable UUID id, @PathVariable UUID activityId, @RequestParam Activity.State state,
      RedirectAttributes redirect) {
    activities.complete(new LeadId(id), activityId, state, access.current());
    redirect.addFlashAttribute("flash", Flash.success(state == Activity.State.DONE ? "activity.done" : "activity.cancelled"));
    return "redirect:/leads/" + id + "?tab=activities";
  }

  /** More of the change log, older than {@code before}: the rows htmx appends to the history table. */
  @GetMapping("/{id}/history")
  String history(@PathVariable UUID id, @RequestParam(required = false) @Nullable Long before, Model model) {
    CurrentUser user = access.current();
    Lead lead = queries.get(new LeadId(id), user);
    historyPage(model, user, lead, before);
    model.addAttribute("labels", labels.forPickers(user.locale(), List.of(lead)));
    model.addAttribute("lead", lead);
    return "leads/detail :: historyRows";
  }

  private String detail(Model model, CurrentUser user, Lead lead, String tab, Map<String, String> activityTyped,
      FormErrors activityErrors) {
    model.addAttribute("lead", lead);
    model.addAttribute("name", LeadRow.displayName(lead));
    model.addAttribute("values", LeadForm.values(lead));
    model.addAttribute("sections", LeadForm.sections());
    model.addAttribute("customFields", lists.customFields());
    model.addAttribute("labels", labels.forPickers(user.locale(), List.of(lead)));
    model.addAttribute("moves", moves(lead));
    model.addAttribute("panels", panels.stream().map(p -> new Panel(p.template(), p.fragment(), p.model(lead, user)))
        .toList());
    model.addAttribute("curator", user.role() != Role.SALES_REP);
    model.addAttribute("tab", Set.of("timeline", "activities", "history", "fields").contains(tab) ? tab : "timeline");
    model.addAttribute("timeline", queries.timeline(lead.id(), user, 100, null));
    List<Activity> all = queries.activities(lead.id(), user, 200);
    model.addAttribute("planned", all.stream().filter(a -> a.state() == Activity.State.PLANNED)
        .sorted(java.util.Comparator.comparing(Activity::dueAt, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
        .toList());
    model.addAttribute("past", all.stream().filter(a -> a.state() != Activity.State.PLANNED).toList());
    model.addAttribute("activityKinds", Activity.Kind.values());
    model.addAttribute("activity", activityTyped);
    model.addAttribute("activityErrors", activityErrors);
    historyPage(model, user, lead, null);
    return "leads/detail";
  }

  private void historyPage(Model model, CurrentUser user, Lead lead, @Nullable Long before) {
    List<HistoryEntry> entries = queries.history(lead.id(), user, HISTORY_PAGE + 1, before);
    boolean more = entries.size() > HISTORY_PAGE;
    List<HistoryEntry> page = more ? entries.subList(0, HISTORY_PAGE) : entries;
    model.addAttribute("history", page);
    model.addAttribute("historyMore", more ? "/leads/" + lead.id() + "/history?before=" + page.get(page.size() - 1).id()
        : null);
  }

  private String form(Model model, CurrentUser user, @Nullable Lead lead, Map<String, String> values, FormErrors errors) {
    model.addAttribute("lead", lead);
    model.addAttribute("name", lead == null ? null : LeadRow.displayName(lead));
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    model.addAttribute("sections", LeadForm.sections());
    model.addAttribute("customFields", lists.customFields());
    model.addAttribute("labels", labels.forPickers(user.locale(), lead == null ? List.of() : List.of(lead)));
    model.addAttribute("owners", labels.activeUsers());
    model.addAttribute("currencies", CURRENCIES);
    model.addAttribute("rep", user.role() == Role.SALES_REP);
    model.addAttribute("version", lead == null ? null : lead.version());
    if (!model.containsAttribute("stale")) {
      model.addAttribute("stale", false);
    }
    if (!model.containsAttribute("duplicates")) {
      model.addAttribute("duplicates", List.of());
    }
    return "leads/form";
  }

  /**
   * The leads and contacts sharing the email or phone numbers typed so far: the form asks while the
   * user types, so a likely duplicate is seen before saving. Keys that do not parse match nothing.
   */
  @GetMapping("/duplicates")
  String duplicates(@RequestParam MultiValueMap<String, String> form, @RequestParam(required = false) @Nullable UUID self,
      Model model) {
    access.current();
    model.addAttribute("duplicates", matching.find(LeadForm.keys(form, catalog.defaultRegion()),
        self == null ? null : new LeadId(self)));
    return "leads/form :: duplicateHint";
  }

  static OnDuplicate confirmed(MultiValueMap<String, String> form) {
    return "true".equals(form.getFirst("confirmDuplicate")) ? OnDuplicate.ALLOW : OnDuplicate.REJECT;
  }

  /** The status buttons a lead offers, by status name: its moves of the status table that a page can make now. */
  static Set<String> moves(Lead lead) {
    Set<String> moves = new java.util.LinkedHashSet<>();
    for (LeadStatus to : lead.status().directMoves()) {
      if (to != LeadStatus.ASSIGNED || lead.ownerId() != null) {
        moves.add(to.name());
      }
    }
    return moves;
  }

  /** A {@code datetime-local} value read in the user's time zone, as the ISO instant the use case takes. */
  static @Nullable String dueAt(@Nullable String typed, CurrentUser user) {
    if (typed == null || typed.isBlank()) {
      return null;
    }
    try {
      Instant at = LocalDateTime.parse(typed.strip()).atZone(user.timeZone()).toInstant();
      return at.toString();
    } catch (DateTimeException e) {
      throw InvalidInput.of("dueAt", "an ISO-8601 instant");
    }
  }
}
