package org.sarnakh.routing;

import static org.sarnakh.platform.db.Tables.ROUTING_ABSENCE;
import static org.sarnakh.platform.db.Tables.ROUTING_PROFILE;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.db.tables.records.RoutingProfileRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each rep's capacity (caps, working hours, taking leads or not) and out-of-office periods. */
@Service
public class Capacities {

  /** A period a rep is away: no leads are routed to them from {@code startsAt} until {@code endsAt}. */
  public record Absence(UUID id, UUID userId, Instant startsAt, Instant endsAt, @Nullable String note) {}

  private final DSLContext db;
  private final UserDirectory users;

  Capacities(DSLContext db, UserDirectory users) {
    this.db = db;
    this.users = users;
  }

  public Capacity of(UUID user) {
    return of(List.of(user)).getOrDefault(user, Capacity.open(user));
  }

  /** The stored profiles of these users; users without one are missing (and have no limits). */
  public Map<UUID, Capacity> of(Collection<UUID> userIds) {
    Map<UUID, Capacity> out = new HashMap<>();
    if (!userIds.isEmpty()) {
      db.selectFrom(ROUTING_PROFILE).where(ROUTING_PROFILE.USER_ID.in(userIds))
          .forEach(r -> out.put(r.getUserId(), capacity(r)));
    }
    return out;
  }

  /** Replaces a rep's profile: {@code accepting}, {@code dailyCap}, {@code monthlyCap}, {@code workingHours}. */
  @Transactional
  public Capacity set(UUID user, Map<String, ?> json) {
    if (users.find(user).isEmpty()) {
      throw new NotFound("user");
    }
    for (String key : json.keySet()) {
      if (!Set.of("accepting", "dailyCap", "monthlyCap", "workingHours").contains(key)) {
        throw InvalidInput.of(key, "unknown field");
      }
    }
    Object accepting = json.containsKey("accepting") ? json.get("accepting") : Boolean.TRUE;
    if (!(accepting instanceof Boolean)) {
      throw InvalidInput.of("accepting", "true or false");
    }
    Integer daily = cap("dailyCap", json.get("dailyCap"));
    Integer monthly = cap("monthlyCap", json.get("monthlyCap"));
    WorkingHours hours = json.get("workingHours") == null ? null : hours(json.get("workingHours"));
    RoutingProfileRecord r = db.newRecord(ROUTING_PROFILE);
    r.setUserId(user);
    r.setAccepting((Boolean) accepting);
    r.setDailyCap(daily);
    r.setMonthlyCap(monthly);
    r.setWorkDays(hours == null ? null : hours.days().stream().sorted().map(d -> d.name().substring(0, 3))
        .collect(Collectors.joining(",")));
    r.setWorkFrom(hours == null ? null : hours.from().toString());
    r.setWorkTo(hours == null ? null : hours.to().toString());
    if (db.fetchExists(ROUTING_PROFILE, ROUTING_PROFILE.USER_ID.eq(user))) {
      r.setVersion(null);
      r.changed(ROUTING_PROFILE.VERSION, false);
      db.update(ROUTING_PROFILE).set(r).set(ROUTING_PROFILE.VERSION, ROUTING_PROFILE.VERSION.plus(1))
          .where(ROUTING_PROFILE.USER_ID.eq(user)).execute();
    } else {
      r.setVersion(0L);
      r.insert();
    }
    return of(user);
  }

  public List<Absence> absences(UUID user) {
    return db.selectFrom(ROUTING_ABSENCE).where(ROUTING_ABSENCE.USER_ID.eq(user)).orderBy(ROUTING_ABSENCE.STARTS_AT)
        .fetch(r -> new Absence(r.getId(), r.getUserId(), r.getStartsAt(), r.getEndsAt(), r.getNote()));
  }

  @Transactional
  public Absence addAbsence(UUID user, Map<String, ?> json) {
    if (users.find(user).isEmpty()) {
      throw new NotFound("user");
    }
    Instant from = instant("startsAt", json.get("startsAt"));
    Instant to = instant("endsAt", json.get("endsAt"));
    if (!to.isAfter(from)) {
      throw InvalidInput.of("endsAt", "after startsAt");
    }
    String note = json.get("note") == null ? null : String.valueOf(json.get("note")).strip();
    if (note != null && note.length() > 200) {
      throw InvalidInput.of("note", "at most 200 characters");
    }
    UUID id = UUID.randomUUID();
    db.insertInto(ROUTING_ABSENCE).set(ROUTING_ABSENCE.ID, id).set(ROUTING_ABSENCE.USER_ID, user)
        .set(ROUTING_ABSENCE.STARTS_AT, from).set(ROUTING_ABSENCE.ENDS_AT, to).set(ROUTING_ABSENCE.NOTE, note).execute();
    return new Absence(id, user, from, to, note);
  }

  @Transactional
  public void removeAbsence(UUID user, UUID id) {
    if (db.deleteFrom(ROUTING_ABSENCE).where(ROUTING_ABSENCE.ID.eq(id).and(ROUTING_ABSENCE.USER_ID.eq(user))).execute() == 0) {
      throw new NotFound("absence");
    }
  }

  /** Which of these users are away at {@code at}. */
  public Set<UUID> awayAt(Collection<UUID> userIds, Instant at) {
    if (userIds.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(db.selectDistinct(ROUTING_ABSENCE.USER_ID).from(ROUTING_ABSENCE)
        .where(ROUTING_ABSENCE.USER_ID.in(userIds).and(ROUTING_ABSENCE.STARTS_AT.le(at))
            .and(ROUTING_ABSENCE.ENDS_AT.gt(at)))
        .fetch(ROUTING_ABSENCE.USER_ID));
  }

  public static Map<String, Object> view(Capacity c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("userId", c.userId().toString());
    m.put("accepting", c.accepting());
    m.put("dailyCap", c.dailyCap());
    m.put("monthlyCap", c.monthlyCap());
    WorkingHours h = c.workingHours();
    m.put("workingHours", h == null ? null : Map.of("days", h.days().stream().sorted().map(Enum::name).toList(),
        "from", h.from().toString(), "to", h.to().toString()));
    return m;
  }

  private static @Nullable Integer cap(String field, @Nullable Object v) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof Integer i) || i < 0 || i > 100_000) {
      throw InvalidInput.of(field, "a whole number from 0 to 100000, or null for no cap");
    }
    return i;
  }

  private static WorkingHours hours(Object v) {
    if (!(v instanceof Map<?, ?> m) || !(m.get("days") instanceof List<?> days)) {
      throw InvalidInput.of("workingHours", "{\"days\": [\"MONDAY\", …], \"from\": \"09:00\", \"to\": \"17:00\"} or null");
    }
    try {
      EnumSet<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
      days.forEach(d -> set.add(DayOfWeek.valueOf(String.valueOf(d).toUpperCase(Locale.ROOT))));
      return new WorkingHours(set, LocalTime.parse(String.valueOf(m.get("from"))),
          LocalTime.parse(String.valueOf(m.get("to"))));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw InvalidInput.of("workingHours", "days MONDAY…SUNDAY and times HH:MM: " + e.getMessage());
    }
  }

  private static Instant instant(String field, @Nullable Object v) {
    try {
      return ApiTime.truncate(Instant.parse(String.valueOf(v)));
    } catch (DateTimeParseException e) {
      throw InvalidInput.of(field, "an ISO-8601 instant such as 2026-12-24T00:00:00Z");
    }
  }

  public static Capacity capacity(RoutingProfileRecord r) {
    WorkingHours hours = null;
    if (r.getWorkDays() != null && r.getWorkFrom() != null && r.getWorkTo() != null) {
      EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      for (String d : r.getWorkDays().split(",")) {
        for (DayOfWeek w : DayOfWeek.values()) {
          if (w.name().startsWith(d)) {
            days.add(w);
          }
        }
      }
      hours = new WorkingHours(days, LocalTime.parse(r.getWorkFrom()), LocalTime.parse(r.getWorkTo()));
    }
    return new Capacity(r.getUserId(), r.getAccepting(), r.getDailyCap(), r.getMonthlyCap(), hours);
  }
}
