package org.sarnakh.platform;

/** The caller's {@code If-Match} names a version that is no longer current: 412, nothing changed. */
public class StaleVersion extends RuntimeException {

  public StaleVersion(long expected, long actual) {
    super("version " + expected + " is stale; the current version is " + actual);
  }
}
