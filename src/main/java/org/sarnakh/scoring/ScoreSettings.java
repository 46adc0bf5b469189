package org.sarnakh.scoring;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How contributions become a score: engagement halves every {@code halfLife} (so five visits in two
 * days outrank five in five months, S1.5), optional caps per axis, and the MQL threshold with the
 * score it must fall below before it can be crossed again (no alert storms).
 */
public record ScoreSettings(Duration halfLife, @Nullable Integer fitCap, @Nullable Integer engagementCap,
    int mqlThreshold, int rearmBelow) {

  public static final ScoreSettings DEFAULT = new ScoreSettings(Duration.ofDays(30), null, null, 100, 80);

  public ScoreSettings {
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("the half-life is a positive duration");
    }
    if (rearmBelow > mqlThreshold) {
      throw new IllegalArgumentException("the score to re-arm at is at most the threshold");
    }
  }
}
