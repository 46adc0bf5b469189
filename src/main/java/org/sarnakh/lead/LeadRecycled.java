package org.sarnakh.lead;

/** A lead's status became RECYCLED (published in the transaction of the change). */
public record LeadRecycled(LeadId lead) {}
