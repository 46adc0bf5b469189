package org.sarnakh.lead;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Marketing consent as recorded on the lead; evidence of the ledger kind comes with the privacy module. */
public record Consent(Status status, @Nullable String source, @Nullable Instant at) {

  public enum Status { GRANTED, DENIED, UNKNOWN }

  public static final Consent UNKNOWN = new Consent(Status.UNKNOWN, null, null);
}
