package org.sarnakh.lead;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Where a lead came from and last came back through: the campaign parameters of its first and latest touch. */
public record Attribution(@Nullable Touch first, @Nullable Touch last) {

  public static final Attribution NONE = new Attribution(null, null);

  /** One touch's campaign parameters, as the visitor's link carried them. */
  public record Touch(@Nullable String source, @Nullable String medium, @Nullable String campaign, Instant at) {}
}
