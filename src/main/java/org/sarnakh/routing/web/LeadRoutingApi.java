package org.sarnakh.routing.web;

import java.util.Map;
import java.util.UUID;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.LeadId;
import org.sarnakh.routing.Routing;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A lead's routing: {@code GET /leads/{id}/routing} explains its assignments to whoever may see the
 * lead (404 otherwise); {@code POST /leads/{id}/route} routes it now (managers and administrators).
 */
@RestController
@RequestMapping("/api/v1/leads/{id}")
class LeadRoutingApi {

  private final Routing routing;
  private final Accessor access;

  LeadRoutingApi(Routing routing, Accessor access) {
    this.routing = routing;
    this.access = access;
  }

  @GetMapping("/routing")
  Map<String, Object> explain(@PathVariable UUID id) {
    var user = access.current();
    return Map.of("items", routing.history(new LeadId(id), user, 50).stream().map(RoutingViews::assignment).toList());
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
