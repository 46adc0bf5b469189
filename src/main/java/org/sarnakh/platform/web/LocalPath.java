package org.sarnakh.platform.web;

import org.jspecify.annotations.Nullable;

/** Where a page may send the user back to: a path of this site under a prefix, never another site. */
public final class LocalPath {

  private LocalPath() {}

  /** {@code given} when it is a path under {@code prefix} that cannot leave the site; {@code prefix} otherwise. */
  public static String within(@Nullable String given, String prefix) {
    if (given == null || !given.startsWith(prefix) || given.startsWith("//") || given.contains("\\")
        || given.contains("\r") || given.contains("\n")) {
      return prefix;
    }
    return given;
  }
}
