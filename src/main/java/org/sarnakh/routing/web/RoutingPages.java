package org.sarnakh.routing.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.web.Flash;
import org.sarnakh.routing.Handoffs;
import org.sarnakh.routing.RoutingRule;
import org.sarnakh.routing.RoutingRules;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Routing's pages: a rep's new leads with accept and reject ({@code /routing/handoffs}, also
 * answered from the lead page's routing panel), and the ordered rules for managers and
 * administrators ({@code /settings/routing}: move up or down, delete, with links to the rule
 * editor and to each sales rep's capacity, both in {@link RoutingSettingsPages}).
 */
@Controller
class RoutingPages {

  /** One row of the rules page: the rule, its conditions and pool in words. */
  record RuleRow(RoutingRule rule, String conditions, String pool) {}

  /** One sales rep or manager on the rules page, with their capacity. */
  record RepRow(org.sarnakh.identity.UserSummary user, org.sarnakh.routing.Capacity capacity, boolean away) {}

  /** One row of the new-leads list. */
  record PendingRow(Handoffs.Pending pending, String leadName) {}

  private final Handoffs handoffs;
  private final RoutingRules rules;
  private final LeadQueries leads;
  private final UserDirectory users;
  private final Accessor access;
  private final org.sarnakh.routing.Capacities capacities;
  private final java.time.Clock clock;

  RoutingPages(Handoffs handoffs, RoutingRules rules, LeadQueries leads, UserDirectory users, Accessor access,
      org.sarnakh.routing.Capacities capacities, java.time.Clock clock) {
    this.capacities = capacities;
    this.clock = clock;
    this.handoffs = handoffs;
    this.rules = rules;
    this.leads = leads;
    this.users = users;
    this.access = access;
  }

  @GetMapping("/routing/handoffs")
  String mine(Model page) {
    var user = access.current();
    List<Handoffs.Pending> pending = handoffs.waitingFor(user, 200);
    Map<UUID, String> names = new HashMap<>();
    leads.visible(pending.stream().map(Handoffs.Pending::leadId).toList(), user)
        .forEach(l -> names.put(l.id().value(), l.displayName()));
    page.addAttribute("items", pending.stream().filter(p -> names.containsKey(p.leadId()))
        .map(p -> new PendingRow(p, names.get(p.leadId()))).toList());
    return "routing/handoffs";
  }

  @PostMapping("/routing/handoffs/{lead}/accept")
  String accept(@PathVariable UUID lead, @RequestParam(required = false) @Nullable String back,
      RedirectAttributes redirect) {
    try {
      handoffs.accept(new LeadId(lead), access.current());
      redirect.addFlashAttribute("flash", Flash.success("routing.accepted"));
    } catch (DomainConflict e) {
      redirect.addFlashAttribute("flash", Flash.refused("routing.refused", e.getMessage()));
    }
    return back(back);
  }

  @PostMapping("/routing/handoffs/{lead}/reject")
  String reject(@PathVariable UUID lead, @RequestParam(required = false) @Nullable String reason,
      @RequestParam(required = false) @Nullable String back, RedirectAttributes redirect) {
    try {
      handoffs.reject(new LeadId(lead), reason, access.current());
      redirect.addFlashAttribute("flash", Flash.success("routing.rejected"));
    } catch (InvalidInput e) {
      redirect.addFlashAttribute("flash", Flash.warning("routing.reasonNeeded"));
    } catch (DomainConflict e) {
      redirect.addFlashAttribute("flash", Flash.refused("routing.refused", e.getMessage()));
    }
    return back(back);
  }

  @GetMapping("/settings/routing")
  String settings(Model page) {
    access.require(Role.ADMIN, Role.SALES_MANAGER);
    Map<UUID, String> names = new HashMap<>();
    users.list().forEach(u -> names.put(u.id(), u.displayName()));
    Map<UUID, String> teams = new HashMap<>();
    users.teams().forEach(t -> teams.put(t.id(), t.name()));
    List<RuleRow> rows = new ArrayList<>();
    for (RoutingRule r : rules.list()) {
      String conditions = String.join(" · ", r.conditions().stream()
          .map(c -> c.field() + " " + c.op().name().toLowerCase(java.util.Locale.ROOT) + " " + String.join(", ", c.values()))
          .toList());
      String pool = r.poolTeam() != null ? teams.getOrDefault(r.poolTeam(), "?")
          : String.join(", ", r.poolUsers().stream().map(m -> names.getOrDefault(m.userId(), "?")
              + (r.strategy() == org.sarnakh.routing.Strategy.WEIGHTED ? " ×" + m.weight() : "")).toList());
      rows.add(new RuleRow(r, conditions, pool));
    }
    var d = rules.defaults();
    page.addAttribute("rules", rows);
    page.addAttribute("defaultOwner", d.ownerId() == null ? null : names.get(d.ownerId()));
    page.addAttribute("defaultTeam", d.teamId() == null ? null : teams.get(d.teamId()));
    var reps = RoutingSettingsPages.salesPeople(users);
    var ids = reps.stream().map(org.sarnakh.identity.UserSummary::id).toList();
    var profiles = capacities.of(ids);
    var away = capacities.awayAt(ids, clock.instant());
    page.addAttribute("reps", reps.stream().map(u -> new RepRow(u, profiles.getOrDefault(u.id(),
        org.sarnakh.routing.Capacity.open(u.id())), away.contains(u.id()))).toList());
    return "routing/rules";
  }

  @PostMapping("/settings/routing/rules/{id}/move")
  String move(@PathVariable UUID id, @RequestParam String direction, RedirectAttributes redirect) {
    access.require(Role.ADMIN, Role.SALES_MANAGER);
    List<UUID> order = new ArrayList<>(rules.list().stream().map(RoutingRule::id).toList());
    int at = order.indexOf(id);
    int to = "up".equals(direction) ? at - 1 : at + 1;
    if (at >= 0 && to >= 0 && to < order.size()) {
      java.util.Collections.swap(order, at, to);
      rules.reorder(order.stream().map(UUID::toString).toList());
      redirect.addFlashAttribute("flash", Flash.success("routing.moved"));
    }
    return "redirect:/settings/routing";
  }

  @PostMapping("/settings/routing/rules/{id}/delete")
  String delete(@PathVariable UUID id, RedirectAttributes redirect) {
    access.require(Role.ADMIN, Role.SALES_MANAGER);
    rules.delete(id);
    redirect.addFlashAttribute("flash", Flash.success("routing.deleted"));
    return "redirect:/settings/routing";
  }

  /** Back to the page the form was on: a lead page or the list (nothing else, so no open redirect). */
  private static String back(@Nullable String back) {
    if (back != null && back.matches("/leads/[0-9a-f-]{36}")) {
      return "redirect:" + back;
    }
    return "redirect:/routing/handoffs";
  }

}
