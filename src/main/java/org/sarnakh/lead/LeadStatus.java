package org.sarnakh.lead;

import java.util.EnumSet;
import java.util.Set;

/** The six statuses of a lead (S2.3) and the moves between them (PRODUCT.md §4). */
public enum LeadStatus {
  NEW,
  ASSIGNED,
  IN_PROCESS,
  CONVERTED,
  RECYCLED,
  DEAD;

  /** Moves allowed through the status endpoint; NEW→ASSIGNED happens by setting an owner, CONVERTED by converting. */
  public Set<LeadStatus> directMoves() {
    return switch (this) {
      case NEW -> EnumSet.of(IN_PROCESS, DEAD);
      case ASSIGNED -> EnumSet.of(IN_PROCESS, DEAD, RECYCLED);
      case IN_PROCESS -> EnumSet.of(DEAD, RECYCLED);
      case RECYCLED -> EnumSet.of(ASSIGNED, IN_PROCESS, DEAD);
      case DEAD -> EnumSet.of(RECYCLED);
      case CONVERTED -> EnumSet.noneOf(LeadStatus.class);
    };
  }

  public boolean convertible() {
    return this != CONVERTED && this != DEAD;
  }
}
