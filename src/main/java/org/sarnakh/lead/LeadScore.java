package org.sarnakh.lead;

/** Fit, engagement and their total; computed by scoring, read here. */
public record LeadScore(int fit, int engagement, int total) {

  public static final LeadScore ZERO = new LeadScore(0, 0, 0);
}
