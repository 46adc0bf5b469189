package org.sarnakh.tracking;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sarnakh.tracking.internal.TrackedEvents;
import org.springframework.stereotype.Service;

/** What leads did, for the modules that act on it (scoring): events by lead, and the feed of new events. */
@Service
public class EventHistory {

  /** Where a reader of the feed got to, and each lead of the events it read with when the latest arrived. */
  public record Feed(long lastId, Map<UUID, Instant> leads, int read) {}

  private final TrackedEvents events;

  EventHistory(TrackedEvents events) {
    this.events = events;
  }

  public Map<UUID, List<TrackedEvent>> ofLeads(Collection<UUID> leads, Instant since) {
    return events.ofLeads(leads, since);
  }

  /**
   * Events stored after {@code afterId} and received before {@code receivedBefore}, in order of
   * storage: durable, so a reader that crashed goes on where it was. Reading only what arrived a
   * while ago lets transactions that took their ids earlier but committed later be seen.
   */
  public Feed after(long afterId, Instant receivedBefore, int limit) {
    var feed = events.after(afterId, receivedBefore, limit);
    return new Feed(feed.lastId(), feed.leads(), feed.read());
  }
}
