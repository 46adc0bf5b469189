package org.sarnakh.identity;

/** The four roles of PRODUCT.md §5. */
public enum Role {
  ADMIN,
  MARKETING,
  SALES_MANAGER,
  SALES_REP;

  /** Sees every lead (reps see only their own and their teams' pools; managers their teams'). */
  public boolean seesAllLeads() {
    return this == ADMIN || this == MARKETING;
  }

  public boolean administers() {
    return this == ADMIN;
  }
}
