package org.sarnakh.routing.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.routing.Capacities;
import org.sarnakh.routing.Routing;
import org.sarnakh.routing.RoutingRule;
import org.sarnakh.routing.RoutingRules;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/routing}: the ordered rules, the default owner or queue, reps' capacity and
 * absences, and mass reassignment. Managers and administrators change them; marketing may read
 * the rules and defaults; reps have no access.
 */
@RestController
@RequestMapping("/api/v1/routing")
class RoutingApi {

  private final RoutingRules rules;
  private final Capacities capacities;
  private final Routing routing;
  private final org.sarnakh.routing.Handoffs handoffs;
  private final Accessor access;

  RoutingApi(RoutingRules rules, Capacities capacities, Routing routing, org.sarnakh.routing.Handoffs handoffs,
      Accessor access) {
    this.rules = rules;
    this.capacities = capacities;
    this.routing = routing;
    this.handoffs = handoffs;
    this.access = access;
  }

  @GetMapping("/rules")
  Map<String, Object> list() {
    access.require(Role.ADMIN, Role.SALES_MANAGER, Role.MARKETING);
    return Map.of("items", rules.list().stream().map(RoutingViews::rule).toList());
  }

  @PostMapping("/rules")
  ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body) {
    manager();
    RoutingRule r = rules.create(body);
    return ResponseEntity.created(URI.create("/api/v1/routing/rules/" + r.id())).eTag("\"" + r.version() + "\"")
        .body(RoutingViews.rule(r));
  }

  @GetMapping("/rules/{id}")
  ResponseEntity<Map<String, Object>> get(@PathVariable UUID id) {
    access.require(Role.ADMIN, Role.SALES_MANAGER, Role.MARKETING);
    RoutingRule r = rules.get(id);
    return ResponseEntity.ok().eTag("\"" + r.version() + "\"").body(RoutingViews.rule(r));
  }

  @PatchMapping(value = "/rules/{id}", consumes = {"application/merge-patch+json", "application/json"})
  ResponseEntity<Map<String, Object>> edit(@PathVariable UUID id, @RequestBody Map<String, Object> body,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
    manager();
    RoutingRule r = rules.edit(id, body, RoutingViews.version(ifMatch));
    return ResponseEntity.ok().eTag("\"" + r.version() + "\"").body(RoutingViews.rule(r));
  }

  @DeleteMapping("/rules/{id}")
  ResponseEntity<Void> delete(@PathVariable UUID id) {
    manager();
    rules.delete(id);
    return ResponseEntity.noContent().build();
  }

  /** {@code {"ids": [...]}}: every rule once, in the new order (first match wins). */
  @PutMapping("/rules/order")
  Map<String, Object> reorder(@RequestBody Map<String, Object> body) {
    manager();
    if (!(body.get("ids") instanceof List<?> ids)) {
      throw InvalidInput.of("ids", "a list of every rule's id in the new order");
    }
    return Map.of("items", rules.reorder(ids).stream().map(RoutingViews::rule).toList());
  }

  @GetMapping("/settings")
  ResponseEntity<Map<String, Object>> settings() {
    access.require(Role.ADMIN, Role.SALES_MANAGER, Role.MARKETING);
    var d = rules.defaults();
    return ResponseEntity.ok().eTag("\"" + d.version() + "\"").body(RoutingViews.defaults(d));
  }

  @PatchMapping(value = "/settings", consumes = {"application/merge-patch+json", "application/json"})
  ResponseEntity<Map<String, Object>> setSettings(@RequestBody Map<String, Object> body,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
    manager();
    var d = rules.setDefaults(body, RoutingViews.version(ifMatch));
    return ResponseEntity.ok().eTag("\"" + d.version() + "\"").body(RoutingViews.defaults(d));
  }

  @GetMapping("/users/{id}/capacity")
  Map<String, Object> capacity(@PathVariable UUID id) {
    manager();
    Map<String, Object> m = new LinkedHashMap<>(Capacities.view(capacities.of(id)));
    m.put("absences", capacities.absences(id).stream().map(RoutingApi::absence).toList());
    return m;
  }

  @PutMapping("/users/{id}/capacity")
  Map<String, Object> setCapacity(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
    manager();
    return Capacities.view(capacities.set(id, body));
  }

  @PostMapping("/users/{id}/absences")
  ResponseEntity<Map<String, Object>> addAbsence(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
    manager();
    var a = capacities.addAbsence(id, body);
    return ResponseEntity.created(URI.create("/api/v1/routing/users/" + id + "/absences/" + a.id())).body(absence(a));
  }

  @DeleteMapping("/users/{id}/absences/{absence}")
  ResponseEntity<Void> removeAbsence(@PathVariable UUID id, @PathVariable UUID absence) {
    manager();
    capacities.removeAbsence(id, absence);
    return ResponseEntity.noContent().build();
  }

  /**
   * {@code {"ids": [...]} | {"fromUserId"}, "toUserId"?}: each lead goes to {@code toUserId}, or
   * is routed again without its present owner; one result per lead.
   */
  @PostMapping("/reassign")
  Map<String, Object> reassign(@RequestBody Map<String, Object> body) {
    var user = manager();
    for (String key : body.keySet()) {
      if (!List.of("ids", "fromUserId", "toUserId").contains(key)) {
        throw InvalidInput.of(key, "unknown field");
      }
    }
    List<UUID> ids = null;
    if (body.get("ids") instanceof List<?> list) {
      if (list.isEmpty() || list.size() > Routing.MAX_REASSIGN) {
        throw InvalidInput.of("ids", "1 to " + Routing.MAX_REASSIGN + " lead ids");
      }
      ids = new ArrayList<>();
      for (Object o : list) {
        ids.add(uuid("ids", o));
      }
    } else if (body.get("ids") != null) {
      throw InvalidInput.of("ids", "a list of lead ids");
    }
    UUID from = body.get("fromUserId") == null ? null : uuid("fromUserId", body.get("fromUserId"));
    UUID to = body.get("toUserId") == null ? null : uuid("toUserId", body.get("toUserId"));
    var results = routing.reassign(ids, from, to, user);
    return Map.of("results", results.stream().map(r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.id().toString());
      m.put("status", r.status());
      m.put("ownerId", r.assignment() == null || r.assignment().ownerId() == null ? null
          : r.assignment().ownerId().toString());
      m.put("outcome", r.assignment() == null ? null : r.assignment().outcome().name());
      m.put("detail", r.detail() != null ? r.detail() : r.assignment() == null ? null : r.assignment().summary());
      return m;
    }).toList());
  }

  /** The caller's new leads: routed to them and waiting to be accepted or rejected, newest first. */
  @GetMapping("/handoffs")
  Map<String, Object> myHandoffs() {
    var user = access.current();
    return Map.of("items", handoffs.waitingFor(user, 200).stream().map(p -> RoutingViews.pending(p, "PENDING")).toList());
  }

  private org.sarnakh.identity.CurrentUser manager() {
    return access.require(Role.ADMIN, Role.SALES_MANAGER);
  }

  private static Map<String, Object> absence(Capacities.Absence a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id().toString());
    m.put("userId", a.userId().toString());
    m.put("startsAt", ApiTime.format(a.startsAt()));
    m.put("endsAt", ApiTime.format(a.endsAt()));
    m.put("note", a.note());
    return m;
  }

  static UUID uuid(String field, @Nullable Object v) {
    try {
      return UUID.fromString(String.valueOf(v));
    } catch (IllegalArgumentException e) {
      throw InvalidInput.of(field, "an id");
    }
  }
}
