package org.sarnakh.routing;

/** Why a lead was routed. */
public enum Cause {
  /** A new lead without an owner. */
  CREATED,
  /** Its score crossed the MQL threshold and it had no active owner. */
  QUALIFIED,
  /** Its status became RECYCLED. */
  RECYCLED,
  /** Someone asked for it ({@code POST /leads/{id}/route}). */
  MANUAL,
  /** Mass reassignment: routed again away from its owner, or handed to a named user. */
  REASSIGNED,
  /** Its rep rejected it: routed again without them. */
  REJECTED,
  /** Its rep did not touch it within the rule's first-touch time. */
  SLA_BREACHED
}
