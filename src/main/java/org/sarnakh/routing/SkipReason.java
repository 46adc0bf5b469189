package org.sarnakh.routing;

/** Why a member of a pool did not get a lead: each candidate routing passed over says one of these. */
public enum SkipReason {
  /** The rule names a user who no longer exists. */
  UNKNOWN_USER,
  INACTIVE,
  /** The rep rejected this lead before, or it is being taken away from them. */
  EXCLUDED,
  /** The rep's profile says they take no new leads for now. */
  NOT_ACCEPTING,
  OUT_OF_OFFICE,
  OUTSIDE_WORKING_HOURS,
  DAILY_CAP_REACHED,
  MONTHLY_CAP_REACHED
}
