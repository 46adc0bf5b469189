package org.sarnakh.tracking;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One recorded touch. {@code leadId} is null while the visitor is anonymous; {@code path} is the
 * URL's path (what scoring rules match), {@code properties} the caller's own scalar values.
 */
public record TrackedEvent(String eventId, EventType type, @Nullable UUID leadId, @Nullable String anonymousId,
    @Nullable String url, @Nullable String path, Instant occurredAt, Map<String, String> properties, Utm utm,
    @Nullable String referrer, Channel channel) {

  public TrackedEvent {
    properties = Map.copyOf(properties);
  }

  /** How the event reached Sarnakh. */
  public enum Channel { API, SNIPPET, PIXEL, CLICK, FORM }

  /** Campaign parameters of the URL (utm_source …), as typed. */
  public record Utm(@Nullable String source, @Nullable String medium, @Nullable String campaign,
      @Nullable String term, @Nullable String content) {
    public static final Utm NONE = new Utm(null, null, null, null, null);
  }

  TrackedEvent withLead(UUID lead) {
    return new TrackedEvent(eventId, type, lead, anonymousId, url, path, occurredAt, properties, utm, referrer, channel);
  }
}
