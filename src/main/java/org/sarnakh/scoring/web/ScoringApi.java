package org.sarnakh.scoring.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.scoring.RuleDefinitions;
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
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/scoring}: rules with their versions, the model's settings, and rescoring every lead. */
@RestController
@RequestMapping("/api/v1/scoring")
class ScoringApi {

  private final ScoringRules rules;
  private final ScoringModel model;
  private final ScoringRescore rescore;
  private final Accessor access;

  ScoringApi(ScoringRules rules, ScoringModel model, ScoringRescore rescore, Accessor access) {
    this.rules = rules;
    this.model = model;
    this.rescore = rescore;
    this.access = access;
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
    var stored = rules.update(id, body, version(ifMatch), user);
    return ResponseEntity.ok().eTag("\"" + stored.rule().version() + "\"").body(view(stored));
  }

  @GetMapping("/settings")
  Map<String, Object> settings() {
    access.current();
    return view(model.settings());
  }

  @PatchMapping(value = "/settings", consumes = {"application/merge-patch+json", "application/json"})
  Map<String, Object> updateSettings(@RequestBody Map<String, Object> body) {
    access.require(Role.ADMIN, Role.MARKETING);
    return view(model.update(body));
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

  static @Nullable Integer version(@Nullable String ifMatch) {
    if (ifMatch == null || ifMatch.strip().equals("*")) {
      return null;
    }
    try {
      return Integer.valueOf(ifMatch.strip().replace("\"", ""));
    } catch (NumberFormatException e) {
      throw InvalidInput.of("If-Match", "a version of this rule, like \"3\"");
    }
  }
}
