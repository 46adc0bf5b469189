package org.sarnakh.tracking;

import static org.sarnakh.platform.db.Tables.TRACKING_EVENT;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * What leads did, as SQL conditions for set-based work in other modules (segments such as
 * "visited /pricing in the last 7 days"): a lead did it when at least {@code atLeast} of its events
 * of {@code type} since {@code since} have a path matching the glob.
 */
public final class TrackedActivity {

  private TrackedActivity() {}

  public static Condition did(Field<UUID> leadId, EventType type, @Nullable String pathGlob, Instant since, int atLeast) {
    Condition events = TRACKING_EVENT.LEAD_ID.eq(leadId).and(TRACKING_EVENT.EVENT_TYPE.eq(type.name()))
        .and(TRACKING_EVENT.OCCURRED_AT.ge(since));
    if (pathGlob != null) {
      events = events.and(DSL.lower(TRACKING_EVENT.PATH).likeRegex(pathRegex(pathGlob)));
    }
    if (atLeast <= 1) {
      return DSL.exists(DSL.selectOne().from(TRACKING_EVENT).where(events));
    }
    return DSL.field(DSL.selectCount().from(TRACKING_EVENT).where(events)).ge(atLeast);
  }

  /**
   * A path glob as a regular expression both databases read alike: {@code *} any characters within
   * one segment, {@code **} across segments, a trailing slash optional, matched against the
   * lower-cased path. Every other non-alphanumeric character is escaped.
   */
  static String pathRegex(String glob) {
    String g = glob.strip().toLowerCase(Locale.ROOT);
    if (g.endsWith("/") && g.length() > 1) {
      g = g.substring(0, g.length() - 1);
    }
    StringBuilder regex = new StringBuilder("^");
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*') {
        if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
          regex.append(".*");
          i++;
        } else {
          regex.append("[^/]*");
        }
      } else if (Character.isLetterOrDigit(c)) {
        regex.append(c);
      } else {
        regex.append('\\').append(c);
      }
    }
    return regex.append("/?$").toString();
  }
}
