package org.sarnakh.lead;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What other modules add to a lead's timeline (tracked events, emails, score changes) without the
 * lead module depending on them: each contributes a bean of this type.
 */
public interface TimelineSource {

  /** The lead's items of this source before {@code before} (all when null), newest first, at most {@code limit}. */
  List<TimelineItem> items(LeadId lead, int limit, @Nullable Instant before);
}
