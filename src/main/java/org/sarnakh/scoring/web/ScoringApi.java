package org.sarnakh.scoring.web;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.sarnakh.platform.web.IfMatch;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.LeadQuery;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.scoring.Backtest;
import org.sarnakh.scoring.RuleDefinitions;
import org.sarnakh.scoring.ScoringReport;
import org.sarnakh.scoring.ScoringRule;
import org.sarnakh.scoring.ScoreSettings;
import org.sarnakh.scoring.ScoringModel;
import org.sarnakh.scoring.ScoringRescore;
import org.sarnakh.scoring.ScoringRules;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/scoring}: rules with their versions, the model's settings, and rescoring every lead. */
@RestController
@RequestMapping("/api/v1/scoring")
class ScoringApi {

  private final ScoringRules rules;
  private final ScoringModel model;
  private final ScoringRescore rescore;
  private final Backtest backtest;
  private final ScoringReport report;
  private final Clock clock;
  private final Accessor access;

  ScoringApi(ScoringRules rules, ScoringModel model, ScoringRescore rescore, Backtest backtest, ScoringReport report,
      Clock clock, Accessor access) {
    this.rules = rules;
    this.model = model;
    this.rescore = rescore;
    this.backtest = backtest;
    this.report = report;
    this.clock = clock;
    this.access = access;
  }

  /**
   * Scores decided leads with a draft rule set ({@code rules}, as POST /rules takes them; absent:
   * the active rules) and reports how well it separates won from lost leads. Writes nothing.
   */
  @PostMapping("/backtest")
  Map<String, Object> backtest(@RequestBody Map<String, Object> body) {
    var user = access.require(Role.ADMIN, Role.MARKETING);
    for (String key : body.keySet()) {
      if (!List.of("rules", "filter", "limit").contains(key)) {
        throw InvalidInput.of(key, "unknown field");
      }
    }
    List<ScoringRule> draft = null;
    if (body.get("rules") instanceof List<?> list) {
      draft = ScoringRules.drafts(list);
    } else if (body.get("rules") != null) {
      throw InvalidInput.of("rules", "a list of rules as POST /api/v1/scoring/rules takes them");
    }
    LeadQuery.Filters among = LeadQuery.Filters.none();
    if (body.get("filter") instanceof Map<?, ?> filter) {
      Map<String, List<String>> params = new LinkedHashMap<>();
      filter.forEach((k, v) -> params.put(String.valueOf(k), v instanceof List<?> l
          ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v))));
      among = LeadQuery.parseFilters(params);
    } else if (body.get("filter") != null) {
      throw InvalidInput.of("filter", "an object of list filters, e.g. {\"leadSource\": \"web\"}");
    }
    int limit = Backtest.DEFAULT_LEADS;
    if (body.containsKey("limit")) {
      if (!(body.get("limit") instanceof Integer l) || l < 1 || l > Backtest.MOST_LEADS) {
        throw InvalidInput.of("limit", "a whole number from 1 to " + Backtest.MOST_LEADS);
      }
      limit = l;
    }
    return ScoringViews.backtest(backtest.run(draft, among, limit, user));
  }

  /** The managers' report of a period (default: the last 24 hours): new MQLs, biggest movers, the spread of scores. */
  @GetMapping("/report")
  Map<String, Object> report(@RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to) {
    var user = access.require(Role.ADMIN, Role.MARKETING, Role.SALES_MANAGER);
    ScoringViews.Period period = ScoringViews.period(from, to, clock);
    return ScoringViews.report(report.of(period.from(), period.to(), user));
  }

  @GetMapping("/rules")
  Map<String, Object> list() {
    access.current();
    return Map.of("items", rules.list().stream().map(ScoringApi::view).toList());
  }

  @PostMapping("/rules")
  ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body) {
    var user = access.require(Role.ADMIN, Role.MARKETING);
    var stored = rules.create(body, user);
    return ResponseEntity.created(URI.create("/api/v1/scoring/rules/" + stored.rule().id()))
        .eTag("\"" + stored.rule().version() + "\"").body(view(stored));
  }

  @GetMapping("/rules/{id}")
  ResponseEntity<Map<String, Object>> get(@PathVariable UUID id) {
    access.current();
    var stored = rules.get(id);
    return ResponseEntity.ok().eTag("\"" + stored.rule().version() + "\"").body(view(stored));
  }

  @GetMapping("/rules/{id}/versions")
  Map<String, Object> versions(@PathVariable UUID id) {
    access.current();
    return Map.of("items", rules.versions(id).stream().map(ScoringApi::view).toList());
  }

  /** A new version of the rule; with {@code If-Match: "<version>"} a stale editor gets 412 and changes nothing. */
  @PatchMapping(value = "/rules/{id}", consumes = {"application/merge-patch+json", "application/json"})
  ResponseEntity<Map<String, Object>> update(@PathVariable UUID id, @RequestBody Map<String, Object> body,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
    var user = access.require(Role.ADMIN, Role.MARKETING);
    var stored = rules.update(id, body, IfMatch.intVersion(ifMatch, "rule"), user);
    return ResponseEntity.ok().eTag("\"" + stored.rule().version() + "\"").body(view(stored));
  }

  @GetMapping("/settings")
  Map<String, Object> settings() {
    access.current();
    return settingsView();
  }

  @PatchMapping(value = "/settings", consumes = {"application/merge-patch+json", "application/json"})
  Map<String, Object> updateSettings(@RequestBody Map<String, Object> body) {
    access.require(Role.ADMIN, Role.MARKETING);
    model.update(body);
    return settingsView();
  }

  private Map<String, Object> settingsView() {
    Map<String, Object> m = view(model.settings());
    m.put("grades", model.grades().write());
    ScoringModel.Digest digest = model.digest();
    m.put("digestEnabled", digest.enabled());
    m.put("digestAt", digest.at().toString());
    return m;
  }

  @PostMapping("/rescore")
  ResponseEntity<Map<String, Object>> rescoreAll() {
    var user = access.require(Role.ADMIN, Role.MARKETING);
    UUID job = rescore.start(user);
    return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + job))
        .body(Map.of("id", job, "kind", "scoring-rescore", "status", "QUEUED"));
  }

  static Map<String, Object> view(ScoringRules.Stored s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.rule().id());
    m.put("version", s.rule().version());
    m.put("name", s.rule().name());
    m.put("axis", s.rule().axis().name());
    m.put("points", s.rule().points());
    m.put("cap", s.rule().cap());
    m.put("condition", RuleDefinitions.write(s.rule().condition()));
    m.put("active", s.active());
    m.put("updatedAt", org.sarnakh.platform.ApiTime.format(s.updatedAt()));
    return m;
  }

  static Map<String, Object> view(ScoreSettings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("halfLifeDays", s.halfLife().toHours() / 24.0);
    m.put("fitCap", s.fitCap());
    m.put("engagementCap", s.engagementCap());
    m.put("mqlThreshold", s.mqlThreshold());
    m.put("rearmBelow", s.rearmBelow());
    return m;
  }
}
