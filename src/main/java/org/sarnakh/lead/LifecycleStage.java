package org.sarnakh.lead;

/** Position in the funnel, separate from the working status. */
public enum LifecycleStage {
  SUBSCRIBER,
  LEAD,
  MQL,
  SQL,
  OPPORTUNITY,
  CUSTOMER
}
