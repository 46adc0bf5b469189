package org.sarnakh.tracking;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.TimelineItem;
import org.sarnakh.lead.TimelineSource;
import org.sarnakh.tracking.internal.TrackedEvents;
import org.springframework.stereotype.Component;

/** Tracked events on the lead's timeline: what was visited, opened, clicked, downloaded, attended. */
@Component
class TrackingTimeline implements TimelineSource {

  private final TrackedEvents events;

  TrackingTimeline(TrackedEvents events) {
    this.events = events;
  }

  @Override
  public List<TimelineItem> items(LeadId lead, int limit, @Nullable Instant before) {
    return events.ofLead(lead.value(), limit, before).stream().map(r -> {
      TrackedEvent e = r.event();
      Map<String, String> details = new LinkedHashMap<>();
      details.put("eventType", e.type().name());
      details.put("channel", e.channel().name());
      details.put("path", e.path() == null ? "" : e.path());
      details.put("url", e.url() == null ? "" : e.url());
      details.put("utmSource", e.utm().source() == null ? "" : e.utm().source());
      details.put("utmCampaign", e.utm().campaign() == null ? "" : e.utm().campaign());
      String summary = e.type().name() + (e.path() == null ? "" : " " + e.path());
      return new TimelineItem("event", e.occurredAt(), e.channel().name(), summary, e.eventId(), details);
    }).toList();
  }
}
