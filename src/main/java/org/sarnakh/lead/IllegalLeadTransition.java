package org.sarnakh.lead;

import org.sarnakh.platform.DomainConflict;

public class IllegalLeadTransition extends DomainConflict {

  public IllegalLeadTransition(LeadId id, LeadStatus from, LeadStatus to, String why) {
    super("illegal-transition", "lead " + id + " cannot move from " + from + " to " + to + ": " + why);
  }
}
