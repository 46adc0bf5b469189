package org.sarnakh.routing.web;

import java.util.Map;
import java.util.UUID;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.LeadId;
import org.jspecify.annotations.Nullable;
import org.sarnakh.routing.Handoffs;
import org.sarnakh.routing.Routing;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A lead's routing: {@code GET /leads/{id}/routing} explains its assignments to whoever may see the
 * lead (404 otherwise); {@code POST /leads/{id}/route} routes it now (managers and administrators);
 * {@code /accept} and {@code /reject} are the hand-off answers of the rep it was routed to.
 */
@RestController
@RequestMapping("/api/v1/leads/{id}")
class LeadRoutingApi {

  private final Routing routing;
  private final Handoffs handoffs;
  private final Accessor access;

  LeadRoutingApi(Routing routing, Handoffs handoffs, Accessor access) {
    this.routing = routing;
    this.handoffs = handoffs;
    this.access = access;
  }

  /** The rep the lead was routed to accepts it: the hand-off closes and the lead becomes an SQL. */
  @PostMapping("/accept")
  Map<String, Object> accept(@PathVariable UUID id) {
    return RoutingViews.pending(handoffs.accept(new LeadId(id), access.current()), "ACCEPTED");
  }

  /** {@code {"reason"}} (required): the rep passes the lead on; it is routed again without them. */
  @PostMapping("/reject")
  Map<String, Object> reject(@PathVariable UUID id, @RequestBody(required = false) @Nullable Map<String, Object> body) {
    Object reason = body == null ? null : body.get("reason");
    return RoutingViews.pending(handoffs.reject(new LeadId(id), reason == null ? null : String.valueOf(reason),
        access.current()), "REJECTED");
  }

  /** The lead's assignments, newest first, and its open hand-off ({@code null}: none). */
  @GetMapping("/routing")
  Map<String, Object> explain(@PathVariable UUID id) {
    var user = access.current();
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("items", routing.history(new LeadId(id), user, 50).stream().map(RoutingViews::assignment).toList());
    var pending = handoffs.of(new LeadId(id), user);
    m.put("handoff", pending == null ? null : RoutingViews.pending(pending, "PENDING"));
    return m;
  }

  @PostMapping("/route")
  Map<String, Object> route(@PathVariable UUID id) {
    var user = access.current();
    if (user.role() != Role.ADMIN && user.role() != Role.SALES_MANAGER) {
      // A rep or marketer who may see the lead learns they may not route it; one who may not see it, nothing.
      routing.history(new LeadId(id), user, 1);
      access.require(Role.ADMIN, Role.SALES_MANAGER);
    }
    return RoutingViews.assignment(routing.routeNow(new LeadId(id), user));
  }
}
