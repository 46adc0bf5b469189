package org.sarnakh.routing.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.identity.UserSummary;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.RuleViolation;
import org.sarnakh.platform.StaleVersion;
import org.sarnakh.platform.web.Flash;
import org.sarnakh.platform.web.FormErrors;
import org.sarnakh.routing.Capacities;
import org.sarnakh.routing.RoutingRule;
import org.sarnakh.routing.RoutingRules;
import org.sarnakh.routing.RuleCondition;
import org.sarnakh.routing.Strategy;
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
 * The routing editors for managers and administrators: one rule ({@code /settings/routing/rules/new},
 * {@code /settings/routing/rules/{id}}) and one rep's capacity, working hours and absences
 * ({@code /settings/routing/users/{id}}), through the same services and checks as the API.
 */
@Controller
@RequestMapping("/settings/routing")
class RoutingSettingsPages {

  static final List<String> OPS = List.of("in", "notIn", "gte", "lte", "between");

  private final RoutingRules rules;
  private final Capacities capacities;
  private final UserDirectory users;
  private final Accessor access;

  RoutingSettingsPages(RoutingRules rules, Capacities capacities, UserDirectory users, Accessor access) {
    this.rules = rules;
    this.capacities = capacities;
    this.users = users;
    this.access = access;
  }

  @GetMapping("/rules/new")
  String newRule(Model page) {
    manager();
    return rule(page, null, RoutingRuleForm.empty(), FormErrors.NONE);
  }

  @GetMapping("/rules/{id}")
  String editRule(@PathVariable UUID id, Model page) {
    manager();
    RoutingRule r = rules.get(id);
    return rule(page, r, RoutingRuleForm.of(r), FormErrors.NONE);
  }

  @PostMapping("/rules")
  String create(@RequestParam MultiValueMap<String, String> form, Model page, HttpServletResponse response,
      RedirectAttributes redirect) {
    manager();
    Map<String, String> values = RoutingRuleForm.values(form);
    try {
      RoutingRule saved = rules.create(RoutingRuleForm.json(values));
      redirect.addFlashAttribute("flash", Flash.success("routing.rule.saved", saved.name()));
      return "redirect:/settings/routing";
    } catch (InvalidInput e) {
      response.setStatus(400);
      return rule(page, null, values, RoutingRuleForm.errors(e, values));
    } catch (RuleViolation e) {
      response.setStatus(422);
      return rule(page, null, values, RoutingRuleForm.errors(e));
    }
  }

  @PostMapping("/rules/{id}")
  String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model page,
      HttpServletResponse response, RedirectAttributes redirect) {
    manager();
    Map<String, String> values = RoutingRuleForm.values(form);
    RoutingRule current = rules.get(id);
    try {
      Long version = values.get("version").isEmpty() ? null : Long.valueOf(values.get("version"));
      RoutingRule saved = rules.edit(id, RoutingRuleForm.json(values), version);
      redirect.addFlashAttribute("flash", Flash.success("routing.rule.saved", saved.name()));
      return "redirect:/settings/routing";
    } catch (InvalidInput e) {
      response.setStatus(400);
      return rule(page, current, values, RoutingRuleForm.errors(e, values));
    } catch (RuleViolation e) {
      response.setStatus(422);
      return rule(page, current, values, RoutingRuleForm.errors(e));
    } catch (StaleVersion | NumberFormatException e) {
      response.setStatus(409);
      page.addAttribute("stale", true);
      return rule(page, current, values, FormErrors.NONE);
    }
  }

  private String rule(Model page, @Nullable RoutingRule rule, Map<String, String> values, FormErrors errors) {
    int rows = Math.min(RoutingRuleForm.MAX_CONDITIONS,
        Math.max(RoutingRuleForm.conditionRows(values) + RoutingRuleForm.SPARE_ROWS, 3));
    page.addAttribute("rule", rule);
    page.addAttribute("values", values);
    page.addAttribute("errors", errors);
    page.addAttribute("rows", java.util.stream.IntStream.range(0, rows).boxed().toList());
    page.addAttribute("members", RoutingRuleForm.members(values));
    page.addAttribute("strategies", Strategy.values());
    page.addAttribute("ops", OPS);
    page.addAttribute("fields", fields());
    page.addAttribute("teams", users.teams());
    page.addAttribute("reps", candidates(RoutingRuleForm.members(values)));
    return "routing/rule";
  }

  @GetMapping("/users/{id}")
  String capacity(@PathVariable UUID id, Model page) {
    manager();
    UserSummary rep = user(id);
    return capacity(page, rep, CapacityForm.of(capacities.of(id)), FormErrors.NONE, Map.of(), FormErrors.NONE);
  }

  @PostMapping("/users/{id}")
  String saveCapacity(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model page,
      HttpServletResponse response, RedirectAttributes redirect) {
    manager();
    UserSummary rep = user(id);
    Map<String, String> values = CapacityForm.values(form);
    try {
      capacities.set(id, CapacityForm.json(values));
      redirect.addFlashAttribute("flash", Flash.success("routing.capacity.saved", rep.displayName()));
      return "redirect:/settings/routing/users/" + id;
    } catch (InvalidInput e) {
      response.setStatus(400);
      return capacity(page, rep, values, FormErrors.of(e), Map.of(), FormErrors.NONE);
    }
  }

  @PostMapping("/users/{id}/absences")
  String addAbsence(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model page,
      HttpServletResponse response, RedirectAttributes redirect) {
    manager();
    UserSummary rep = user(id);
    Map<String, String> values = CapacityForm.absenceValues(form);
    try {
      capacities.addAbsence(id, CapacityForm.absenceJson(values, zone(rep)));
      redirect.addFlashAttribute("flash", Flash.success("routing.absence.added"));
      return "redirect:/settings/routing/users/" + id;
    } catch (InvalidInput e) {
      response.setStatus(400);
      return capacity(page, rep, CapacityForm.of(capacities.of(id)), FormErrors.NONE, values, FormErrors.of(e));
    }
  }

  @PostMapping("/users/{id}/absences/{absence}/delete")
  String removeAbsence(@PathVariable UUID id, @PathVariable UUID absence, RedirectAttributes redirect) {
    manager();
    capacities.removeAbsence(id, absence);
    redirect.addFlashAttribute("flash", Flash.success("routing.absence.removed"));
    return "redirect:/settings/routing/users/" + id;
  }

  private String capacity(Model page, UserSummary rep, Map<String, String> values, FormErrors errors,
      Map<String, String> absence, FormErrors absenceErrors) {
    page.addAttribute("rep", rep);
    page.addAttribute("zone", zone(rep));
    page.addAttribute("values", values);
    page.addAttribute("errors", errors);
    page.addAttribute("absence", absence);
    page.addAttribute("absenceErrors", absenceErrors);
    page.addAttribute("days", CapacityForm.days());
    page.addAttribute("absences", capacities.absences(rep.id()));
    page.addAttribute("canEditUser", access.current().role() == Role.ADMIN);
    return "routing/capacity";
  }

  /** The active sales reps and managers, by name: whom a pool may list and whose capacity is set here. */
  static List<UserSummary> salesPeople(UserDirectory users) {
    return users.list().stream().filter(u -> u.active() && (u.role() == Role.SALES_REP || u.role() == Role.SALES_MANAGER))
        .sorted(Comparator.comparing(UserSummary::displayName)).toList();
  }

  /** The sales people, and any listed member who is no longer one (so that saving keeps them unless unticked). */
  private List<UserSummary> candidates(List<String> members) {
    List<UserSummary> out = new java.util.ArrayList<>(salesPeople(users));
    for (String member : members) {
      try {
        UUID id = UUID.fromString(member);
        if (out.stream().noneMatch(u -> u.id().equals(id))) {
          users.find(id).ifPresent(out::add);
        }
      } catch (IllegalArgumentException e) {
        // not an id: the API names the problem on the pool
      }
    }
    return out;
  }

  private static List<String> fields() {
    List<String> out = new java.util.ArrayList<>(RuleCondition.TEXT_FIELDS.keySet().stream().sorted().toList());
    out.addAll(RuleCondition.NUMBER_FIELDS);
    out.addAll(RuleCondition.OTHER_FIELDS);
    return out;
  }

  private UserSummary user(UUID id) {
    return users.find(id).orElseThrow(() -> new NotFound("user"));
  }

  static ZoneId zone(UserSummary u) {
    try {
      return ZoneId.of(u.timeZone());
    } catch (DateTimeException | NullPointerException e) {
      return ZoneId.of("UTC");
    }
  }

  private void manager() {
    access.require(Role.ADMIN, Role.SALES_MANAGER);
  }
}
