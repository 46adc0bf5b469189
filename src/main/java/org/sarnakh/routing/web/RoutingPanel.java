package org.sarnakh.routing.web;

import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadPanel;
import org.sarnakh.routing.Assignment;
import org.sarnakh.routing.Handoffs;
import org.sarnakh.routing.Routing;
import org.springframework.stereotype.Component;

/** The lead page's routing panel: the last assignment in one line, and a pending hand-off with accept and reject for its rep. */
@Component
class RoutingPanel implements LeadPanel {

  record Model(@Nullable Assignment last, Handoffs.@Nullable Pending pending, boolean mine) {}

  private final Routing routing;
  private final Handoffs handoffs;

  RoutingPanel(Routing routing, Handoffs handoffs) {
    this.routing = routing;
    this.handoffs = handoffs;
  }

  @Override
  public String template() {
    return "routing/panel";
  }

  @Override
  public String fragment() {
    return "routing";
  }

  @Override
  public Object model(Lead lead, CurrentUser user) {
    var last = routing.forSystem(lead.id(), 1).stream().findFirst().orElse(null);
    var pending = handoffs.of(lead.id(), user);
    return new Model(last, pending, pending != null && pending.ownerId().equals(user.id()));
  }
}
