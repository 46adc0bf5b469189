package org.sarnakh.scoring.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.LeadQuery;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.StaleVersion;
import org.sarnakh.platform.web.Flash;
import org.sarnakh.platform.web.FormErrors;
import org.sarnakh.scoring.Backtest;
import org.sarnakh.scoring.RuleDefinitions;
import org.sarnakh.scoring.ScoringModel;
import org.sarnakh.scoring.ScoringRescore;
import org.sarnakh.scoring.ScoringRule;
import org.sarnakh.scoring.ScoringRules;
import org.sarnakh.tracking.EventType;
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
 * The scoring model's pages for marketing and administrators: the rules with their versions, the
 * editor of one rule (which can backtest the draft against history before it is saved), the
 * model's settings, and rescoring every lead.
 */
@Controller
@RequestMapping("/scoring")
class ScoringPages {

  static final List<String> WINDOWS = List.of("PT1H", "PT6H", "P1D", "P7D", "P30D");

  private final ScoringRules rules;
  private final ScoringModel model;
  private final ScoringRescore rescore;
  private final Backtest backtest;
  private final Accessor access;

  ScoringPages(ScoringRules rules, ScoringModel model, ScoringRescore rescore, Backtest backtest, Accessor access) {
    this.rules = rules;
    this.model = model;
    this.rescore = rescore;
    this.backtest = backtest;
    this.access = access;
  }

  @GetMapping
  String overview(Model page) {
    access.require(Role.ADMIN, Role.MARKETING);
    return overview(page, SettingsForm.of(model), FormErrors.NONE);
  }

  private String overview(Model page, Map<String, String> settings, FormErrors errors) {
    List<ScoringRules.Stored> all = rules.list();
    Map<UUID, String> summaries = new LinkedHashMap<>();
    all.forEach(r -> summaries.put(r.rule().id(), ScoringViews.summary(r.rule())));
    page.addAttribute("rules", all);
    page.addAttribute("summaries", summaries);
    page.addAttribute("values", settings);
    page.addAttribute("errors", errors);
    return "scoring/rules";
  }

  @PostMapping("/settings")
  String saveSettings(@RequestParam MultiValueMap<String, String> form, Model page, HttpServletResponse response,
      RedirectAttributes redirect) {
    access.require(Role.ADMIN, Role.MARKETING);
    Map<String, String> values = SettingsForm.values(form);
    try {
      model.update(SettingsForm.patch(values));
      redirect.addFlashAttribute("flash", Flash.success("scoring.settings.saved"));
      return "redirect:/scoring";
    } catch (InvalidInput e) {
      response.setStatus(400);
      return overview(page, values, SettingsForm.errors(e));
    }
  }

  @PostMapping("/rescore")
  String rescoreAll() {
    CurrentUser user = access.require(Role.ADMIN, Role.MARKETING);
    return "redirect:/jobs/" + rescore.start(user);
  }

  @GetMapping("/rules/new")
  String newRule(@RequestParam(defaultValue = "ENGAGEMENT") String axis, Model page) {
    access.require(Role.ADMIN, Role.MARKETING);
    Map<String, String> values = new LinkedHashMap<>(RuleForm.EMPTY);
    values.put("axis", "FIT".equals(axis) ? "FIT" : "ENGAGEMENT");
    return rule(page, null, values, FormErrors.NONE);
  }

  @GetMapping("/rules/{id}")
  String editRule(@PathVariable UUID id, Model page) {
    access.require(Role.ADMIN, Role.MARKETING);
    ScoringRules.Stored stored = rules.get(id);
    return rule(page, stored, RuleForm.of(stored), FormErrors.NONE);
  }

  private String rule(Model page, ScoringRules.@Nullable Stored stored, Map<String, String> values, FormErrors errors) {
    page.addAttribute("rule", stored);
    page.addAttribute("versions", stored == null ? List.of() : rules.versions(stored.rule().id()));
    page.addAttribute("values", values);
    page.addAttribute("errors", errors);
    page.addAttribute("fields", RuleDefinitions.fields());
    page.addAttribute("ops", ScoringRule.Op.values());
    page.addAttribute("eventTypes", EventType.values());
    page.addAttribute("windows", WINDOWS);
    return "scoring/rule";
  }

  @PostMapping("/rules")
  String create(@RequestParam MultiValueMap<String, String> form, Model page, HttpServletResponse response,
      RedirectAttributes redirect) {
    CurrentUser user = access.require(Role.ADMIN, Role.MARKETING);
    Map<String, String> values = RuleForm.values(form);
    try {
      ScoringRules.Stored saved = rules.create(RuleForm.json(values), user);
      redirect.addFlashAttribute("flash", Flash.success("scoring.rule.saved", saved.rule().name()));
      return "redirect:/scoring";
    } catch (InvalidInput e) {
      response.setStatus(400);
      return rule(page, null, values, FormErrors.of(e));
    }
  }

  @PostMapping("/rules/{id}")
  String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model page,
      HttpServletResponse response, RedirectAttributes redirect) {
    CurrentUser user = access.require(Role.ADMIN, Role.MARKETING);
    Map<String, String> values = RuleForm.values(form);
    ScoringRules.Stored current = rules.get(id);
    try {
      Integer version = values.get("version").isEmpty() ? null : Integer.valueOf(values.get("version"));
      ScoringRules.Stored saved = rules.update(id, RuleForm.json(values), version, user);
      redirect.addFlashAttribute("flash", Flash.success("scoring.rule.saved", saved.rule().name()));
      return "redirect:/scoring";
    } catch (InvalidInput e) {
      response.setStatus(400);
      return rule(page, current, values, FormErrors.of(e));
    } catch (StaleVersion | DomainConflict | NumberFormatException e) {
      response.setStatus(409);
      page.addAttribute("stale", true);
      return rule(page, current, values, FormErrors.NONE);
    }
  }

  /**
   * Backtests the active rules as they are and with this draft in place of the rule it edits (or
   * added, for a new rule), side by side; saves nothing.
   */
  @PostMapping("/backtest")
  String backtest(@RequestParam MultiValueMap<String, String> form, Model page, HttpServletResponse response) {
    CurrentUser user = access.require(Role.ADMIN, Role.MARKETING);
    Map<String, String> values = RuleForm.values(form);
    UUID editing = values.get("id").isEmpty() ? null : UUID.fromString(values.get("id"));
    ScoringRules.Stored current = editing == null ? null : rules.get(editing);
    List<ScoringRule> withDraft;
    try {
      withDraft = new ArrayList<>(rules.active().stream().filter(r -> !r.id().equals(editing)).toList());
      withDraft.addAll(ScoringRules.drafts(List.of(RuleForm.json(values))));
    } catch (InvalidInput e) {
      response.setStatus(400);
      FormErrors errors = FormErrors.of(new InvalidInput(e.problems().stream().map(p -> new InvalidInput.FieldProblem(
          p.field().replaceFirst("^rules\\[0]\\.", ""), p.message())).toList()));
      return rule(page, current, values, errors);
    }
    Backtest.Result before = backtest.run(null, LeadQuery.Filters.none(), Backtest.DEFAULT_LEADS, user);
    Backtest.Result after = backtest.run(withDraft, LeadQuery.Filters.none(), Backtest.DEFAULT_LEADS, user);
    page.addAttribute("before", before);
    page.addAttribute("after", after);
    page.addAttribute("chart", ScoringViews.decileBars(before, after));
    return rule(page, current, values, FormErrors.NONE);
  }
}
