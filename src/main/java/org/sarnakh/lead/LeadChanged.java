package org.sarnakh.lead;

/** A lead was created or changed (published in its transaction; listeners act after commit). */
public record LeadChanged(LeadId lead) {}
