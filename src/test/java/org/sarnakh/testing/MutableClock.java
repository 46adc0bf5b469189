package org.sarnakh.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand instead of sleeping; it follows the real time until first set. */
public final class MutableClock extends Clock {

  private final AtomicReference<Instant> fixed = new AtomicReference<>();

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    Instant f = fixed.get();
    return f == null ? Instant.now() : f;
  }

  public void set(Instant at) {
    fixed.set(at);
  }

  public void advance(Duration d) {
    fixed.set(instant().plus(d));
  }

  /** Back to the real time, so tests leave no trace on each other. */
  public void reset() {
    fixed.set(null);
  }
}
