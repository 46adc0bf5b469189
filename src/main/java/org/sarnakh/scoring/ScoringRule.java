package org.sarnakh.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.tracking.EventType;

/**
 * One saved version of a scoring rule: what it looks for, on which axis, with how many points
 * (negative points lower the score, S1.4) and an optional cap on what the rule can add or take
 * away in all. Rules are values; each explains itself through the contributions it makes.
 */
public record ScoringRule(UUID id, int version, String name, Axis axis, int points, @Nullable Integer cap,
    Condition condition) {

  /** What a rule looks for: a field of the lead (fit) or the lead's events (engagement). */
  public sealed interface Condition permits FieldCondition, EventCondition {}

  /** How a field condition compares. */
  public enum Op { EQUALS, CONTAINS, AT_LEAST, AT_MOST, PRESENT, ABSENT }

  /**
   * A condition on one field of the lead by its API name ({@code title}, {@code industry},
   * {@code companySize}, {@code annualRevenue.amount}, {@code address.country}, {@code tags}…):
   * equal to one of the values, containing one of them (Persian/Arabic-normalised), at least or at
   * most a number, present or absent.
   */
  public record FieldCondition(String field, Op op, List<String> values) implements Condition {
    public FieldCondition {
      values = List.copyOf(values);
    }
  }

  /**
   * A condition on events: of one of these types (any when empty), on a path matching the glob,
   * with these property values; with a frequency, it counts only when {@code count} such events
   * fall within {@code window} ("4 careers-page visits in a day").
   */
  public record EventCondition(Set<EventType> types, @Nullable PathGlob path, Map<String, String> properties,
      @Nullable Frequency frequency) implements Condition {
    public EventCondition {
      types = Set.copyOf(types);
      properties = Map.copyOf(properties);
    }
  }

  public record Frequency(int count, Duration window) {}

  /** What a lead is when the rules are applied: its fields as text by API name, and its events. */
  public record Facts(Map<String, List<String>> fields, List<Event> events, Instant asOf) {
    public Facts {
      fields = Map.copyOf(fields);
      events = List.copyOf(events);
    }
  }

  /** One event as rules see it. */
  public record Event(String eventId, EventType type, @Nullable String path, Map<String, String> properties,
      Instant at) {}
}
