package org.sarnakh.tracking;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidValue;
import org.sarnakh.platform.text.TextKeys;

/**
 * Reads one event of {@code POST /api/v1/events} (or of the snippet) from its JSON object,
 * refusing with one clear reason what cannot be recorded: unknown fields, a missing or overlong
 * id, an unknown type, nobody to attach it to, a time in the future or before records began.
 */
public final class EventInput {

  /** Who an event is about, as the caller named them; resolved to a lead by the ingest. */
  public record Who(@Nullable UUID leadId, @Nullable String email, @Nullable String anonymousId) {}

  /** A readable event: the draft (lead not yet resolved) and who it is about. */
  public record Parsed(TrackedEvent draft, Who who) {}

  static final Set<String> FIELDS = Set.of("eventId", "type", "leadId", "email", "anonymousId", "url", "occurredAt",
      "properties", "utm", "referrer");
  static final Set<String> UTM_FIELDS = Set.of("source", "medium", "campaign", "term", "content");
  /** How far ahead of the server's clock an event may claim to have happened (clock drift of senders). */
  static final Duration FUTURE_SLACK = Duration.ofMinutes(5);
  /** Nothing older is accepted: scoring decays it to nothing and it is most likely a broken clock. */
  static final Duration OLDEST = Duration.ofDays(5 * 366);
  static final int MAX_PROPERTIES = 50;
  static final int MAX_PROPERTY_LENGTH = 1000;
  static final int MAX_ID = 100;
  static final int MAX_URL = 2000;

  private EventInput() {}

  /** The event, or an {@link InvalidValue} naming the field and the reason. */
  public static Parsed parse(Map<String, ?> json, Instant now, TrackedEvent.Channel channel) {
    for (String key : json.keySet()) {
      if (!FIELDS.contains(key)) {
        throw new InvalidValue(key, "unknown field");
      }
    }
    String eventId = text(json, "eventId", MAX_ID, true);
    String typeText = text(json, "type", 30, true);
    EventType type;
    try {
      type = EventType.valueOf(typeText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidValue("type", "one of " + java.util.List.of(EventType.values()));
    }
    UUID leadId = null;
    String leadText = text(json, "leadId", 40, false);
    if (leadText != null) {
      try {
        leadId = UUID.fromString(leadText);
      } catch (IllegalArgumentException e) {
        throw new InvalidValue("leadId", "a UUID");
      }
    }
    String email = text(json, "email", 254, false);
    if (email != null) {
      email = org.sarnakh.lead.EmailAddress.of(email).value();
    }
    String anonymousId = text(json, "anonymousId", MAX_ID, false);
    if (leadId == null && email == null && anonymousId == null) {
      throw new InvalidValue("leadId", "name who it is about: leadId, email or anonymousId");
    }
    String url = text(json, "url", MAX_URL, false);
    String path = url == null ? null : path(url);
    Instant occurredAt = now;
    String at = text(json, "occurredAt", 40, false);
    if (at != null) {
      try {
        occurredAt = ApiTime.truncate(Instant.parse(at));
      } catch (DateTimeParseException e) {
        throw new InvalidValue("occurredAt", "an ISO-8601 instant such as 2026-11-23T08:15:00.000Z");
      }
      if (occurredAt.isAfter(now.plus(FUTURE_SLACK))) {
        throw new InvalidValue("occurredAt", "in the future");
      }
      if (occurredAt.isBefore(now.minus(OLDEST))) {
        throw new InvalidValue("occurredAt", "more than five years ago");
      }
    }
    Map<String, String> properties = properties(json.get("properties"));
    TrackedEvent.Utm utm = utm(json.get("utm"), url);
    String referrer = text(json, "referrer", MAX_URL, false);
    return new Parsed(new TrackedEvent(eventId, type, null, anonymousId, url, path, occurredAt, properties, utm,
        referrer, channel), new Who(leadId, email, anonymousId));
  }

  /** The path of an absolute http(s) URL or of a bare path, lower-cased, without query or fragment. */
  static String path(String url) {
    try {
      URI uri = new URI(url.strip());
      if (uri.isAbsolute() && !"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
        throw new InvalidValue("url", "an http or https address, or a path starting with /");
      }
      if (!uri.isAbsolute() && (uri.getRawPath() == null || !uri.getRawPath().startsWith("/"))) {
        throw new InvalidValue("url", "an http or https address, or a path starting with /");
      }
      String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      return URLDecoder.decode(p.replace("+", "%2B"), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new InvalidValue("url", "not a valid address");
    }
  }

  private static Map<String, String> properties(@Nullable Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidValue("properties", "an object of names to text, numbers or true/false");
    }
    if (map.size() > MAX_PROPERTIES) {
      throw new InvalidValue("properties", "at most " + MAX_PROPERTIES + " properties");
    }
    Map<String, String> out = new LinkedHashMap<>();
    int size = 0;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object v = e.getValue();
      if (key.isEmpty() || key.length() > 100 || TextKeys.hasForbiddenControls(key)) {
        throw new InvalidValue("properties", "names are 1 to 100 characters without control characters");
      }
      if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
        throw new InvalidValue("properties." + key, "text, a number or true/false");
      }
      String s = v == null ? "" : String.valueOf(v);
      if (s.length() > MAX_PROPERTY_LENGTH || TextKeys.hasForbiddenControlsMultiline(s)) {
        throw new InvalidValue("properties." + key, "at most " + MAX_PROPERTY_LENGTH + " characters, no control characters");
      }
      size += key.length() + s.length();
      out.put(key, s);
    }
    if (size > 7000) {
      throw new InvalidValue("properties", "too large: at most 7000 characters in all");
    }
    return out;
  }

  /** Campaign parameters: those given, else the utm_* parameters of the URL's query. */
  static TrackedEvent.Utm utm(@Nullable Object value, @Nullable String url) {
    Map<String, String> given = new LinkedHashMap<>();
    if (value != null) {
      if (!(value instanceof Map<?, ?> map)) {
        throw new InvalidValue("utm", "an object with source, medium, campaign, term, content");
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (!UTM_FIELDS.contains(key)) {
          throw new InvalidValue("utm." + key, "unknown field");
        }
        given.put(key, utmValue("utm." + key, e.getValue() == null ? null : String.valueOf(e.getValue())));
      }
    } else if (url != null) {
      int q = url.indexOf('?');
      if (q >= 0) {
        String query = url.substring(q + 1);
        int hash = query.indexOf('#');
        for (String pair : (hash >= 0 ? query.substring(0, hash) : query).split("&")) {
          int eq = pair.indexOf('=');
          if (eq > 4 && pair.startsWith("utm_")) {
            String key = pair.substring(4, eq);
            if (UTM_FIELDS.contains(key)) {
              try {
                given.put(key, utmValue("url", URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
              } catch (IllegalArgumentException e) {
                // a malformed escape in a campaign parameter: the page view counts, the parameter does not
                given.remove(key);
              }
            }
          }
        }
      }
    }
    if (given.isEmpty()) {
      return TrackedEvent.Utm.NONE;
    }
    return new TrackedEvent.Utm(given.get("source"), given.get("medium"), given.get("campaign"), given.get("term"),
        given.get("content"));
  }

  private static @Nullable String utmValue(String field, @Nullable String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    String s = v.strip();
    if (s.length() > 200 || TextKeys.hasForbiddenControls(s)) {
      throw new InvalidValue(field, "campaign parameters are at most 200 characters, no control characters");
    }
    return s;
  }

  private static @Nullable String text(Map<String, ?> json, String name, int max, boolean required) {
    Object v = json.get(name);
    if (v == null) {
      if (required) {
        throw new InvalidValue(name, "required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw new InvalidValue(name, "a string");
    }
    String t = s.strip();
    if (t.isEmpty()) {
      if (required) {
        throw new InvalidValue(name, "required");
      }
      return null;
    }
    if (t.length() > max) {
      throw new InvalidValue(name, "at most " + max + " characters");
    }
    if (TextKeys.hasForbiddenControls(t)) {
      throw InvalidValue.controlCharacters(name);
    }
    return t;
  }
}
