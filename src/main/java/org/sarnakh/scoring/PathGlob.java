package org.sarnakh.scoring;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A URL path pattern of a scoring rule (PRODUCT.md §9): {@code *} stands for any characters within
 * one path segment, {@code **} for any characters across segments; matching ignores case, and a
 * trailing slash of the path does not matter ({@code /pricing} matches {@code /pricing/}).
 */
public record PathGlob(String glob, Pattern pattern) {

  public static PathGlob of(String glob) {
    String g = glob.strip();
    if (g.isEmpty() || !g.startsWith("/") || g.length() > 500) {
      throw new IllegalArgumentException("a path pattern starts with / and has at most 500 characters");
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*') {
        if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
          regex.append(".*");
          i++;
        } else {
          regex.append("[^/]*");
        }
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new PathGlob(g, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
  }

  public boolean matches(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (pattern.matcher(p).matches()) {
      return true;
    }
    return p.length() > 1 && p.endsWith("/") && pattern.matcher(p.substring(0, p.length() - 1)).matches();
  }
}
