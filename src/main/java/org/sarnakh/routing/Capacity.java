package org.sarnakh.routing;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A rep's routing profile: whether they take new leads, how many a day and a month (null: no cap),
 * and when they work (null: always available).
 */
public record Capacity(UUID userId, boolean accepting, @Nullable Integer dailyCap, @Nullable Integer monthlyCap,
    @Nullable WorkingHours workingHours) {

  public static Capacity open(UUID userId) {
    return new Capacity(userId, true, null, null, null);
  }

  public boolean capped() {
    return dailyCap != null || monthlyCap != null;
  }
}
