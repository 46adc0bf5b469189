package org.sarnakh.platform.web;

import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidInput;

/** The version an {@code If-Match} header names: {@code "7"} → 7; {@code *} or no header → no check (null). */
public final class IfMatch {

  private IfMatch() {}

  /** {@code what} names the record in the error ("lead", "rule"…). */
  public static @Nullable Long version(@Nullable String ifMatch, String what) {
    if (ifMatch == null || ifMatch.strip().equals("*")) {
      return null;
    }
    String v = ifMatch.strip();
    if (v.startsWith("W/")) {
      v = v.substring(2);
    }
    if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
      v = v.substring(1, v.length() - 1);
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw InvalidInput.of("If-Match", "a version of this " + what + ", like \"3\"");
    }
  }

  /** As {@link #version} for records whose versions are ints. */
  public static @Nullable Integer intVersion(@Nullable String ifMatch, String what) {
    Long v = version(ifMatch, what);
    if (v != null && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
      throw InvalidInput.of("If-Match", "a version of this " + what + ", like \"3\"");
    }
    return v == null ? null : v.intValue();
  }
}
