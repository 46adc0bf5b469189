package org.sarnakh.routing;

/** How a rule picks one rep from its pool's available members. */
public enum Strategy {
  /** The first available member after the one who got the rule's last lead (user-id order). */
  ROUND_ROBIN,
  /** The available member furthest behind their weight's share of the rule's leads. */
  WEIGHTED,
  /** The available member with the fewest open leads (not converted, not dead). */
  LEAST_LOADED,
  /** The available member with the best smoothed conversion rate on similar decided leads. */
  BEST_FIT,
  /** The first available member in the order the pool lists them. */
  FIXED;

  /** The strategy of this name, or null for a name that is none. */
  public static @org.jspecify.annotations.Nullable Strategy named(String name) {
    for (Strategy s : values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }
}
