package org.sarnakh.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.TimelineItem;
import org.sarnakh.lead.TimelineSource;
import org.sarnakh.routing.internal.RoutingStore;
import org.springframework.stereotype.Component;

/** Puts each routing of a lead on its timeline: the rule, the strategy and who got it, in one line. */
@Component
class RoutingTimeline implements TimelineSource {

  private final RoutingStore store;

  RoutingTimeline(RoutingStore store) {
    this.store = store;
  }

  @Override
  public List<TimelineItem> items(LeadId lead, int limit, @Nullable Instant before) {
    return Routing.forSystem(store, lead, limit).stream()
        .filter(a -> before == null || a.at().isBefore(before))
        .map(a -> new TimelineItem("routing", a.at(), a.actorName(), a.summary(), a.leadId() + "@" + a.at(),
            Map.of("cause", a.cause().name(), "outcome", a.outcome().name(),
                "ownerId", a.ownerId() == null ? "" : a.ownerId().toString(),
                "rule", a.ruleName() == null ? "" : a.ruleName())))
        .toList();
  }
}
