package org.sarnakh.tracking.internal;

import static org.sarnakh.platform.db.Tables.TRACKING_EVENT;
import static org.sarnakh.platform.db.Tables.TRACKING_VISITOR;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.BulkInsert;
import org.sarnakh.platform.db.tables.records.TrackingEventRecord;
import org.sarnakh.tracking.EventType;
import org.sarnakh.tracking.TrackedEvent;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores tracked events and identified visitors; inserts in bulk (COPY on PostgreSQL). */
@Repository
public class TrackedEvents {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<TreeMap<String, String>> PROPERTIES = new TypeReference<>() {};

  private final DSLContext db;

  TrackedEvents(DSLContext db) {
    this.db = db;
  }

  /** Which of these event ids are stored already. */
  public Set<String> existingIds(Collection<String> eventIds) {
    if (eventIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(db.select(TRACKING_EVENT.EVENT_ID).from(TRACKING_EVENT)
        .where(TRACKING_EVENT.EVENT_ID.in(eventIds)).fetch(TRACKING_EVENT.EVENT_ID));
  }

  /** Inserts new events; a concurrent insert of the same id fails the whole call with {@link DuplicateKeyException}. */
  public void insert(List<TrackedEvent> events, Instant receivedAt) {
    List<TrackingEventRecord> rows = new ArrayList<>(events.size());
    for (TrackedEvent e : events) {
      TrackingEventRecord r = db.newRecord(TRACKING_EVENT);
      r.setEventId(e.eventId());
      r.setEventType(e.type().name());
      r.setLeadId(e.leadId());
      r.setAnonymousId(e.anonymousId());
      r.setUrl(e.url());
      r.setPath(e.path());
      r.setOccurredAt(e.occurredAt());
      r.setReceivedAt(receivedAt);
      r.setProperties(e.properties().isEmpty() ? null : JSON.writeValueAsString(new TreeMap<>(e.properties())));
      r.setUtmSource(e.utm().source());
      r.setUtmMedium(e.utm().medium());
      r.setUtmCampaign(e.utm().campaign());
      r.setUtmTerm(e.utm().term());
      r.setUtmContent(e.utm().content());
      r.setReferrer(e.referrer());
      r.setChannel(e.channel().name());
      rows.add(r);
    }
    List<org.jooq.Field<?>> columns = new ArrayList<>(List.of(TRACKING_EVENT.fields()));
    columns.remove(TRACKING_EVENT.ID);
    BulkInsert.insert(db, TRACKING_EVENT, columns, rows);
  }

  /** The lead each of these anonymous visitors turned out to be. */
  public Map<String, UUID> visitors(Collection<String> anonymousIds) {
    Map<String, UUID> found = new HashMap<>();
    if (!anonymousIds.isEmpty()) {
      db.select(TRACKING_VISITOR.ANONYMOUS_ID, TRACKING_VISITOR.LEAD_ID).from(TRACKING_VISITOR)
          .where(TRACKING_VISITOR.ANONYMOUS_ID.in(anonymousIds)).forEach(r -> found.put(r.value1(), r.value2()));
    }
    return found;
  }

  /**
   * Records that a visitor is a lead (the first identification wins) and attaches the visitor's
   * events so far; returns how many events were attached. Safe to repeat: attached events keep
   * their lead, and each event is one row, so nothing is counted twice.
   */
  public int identify(String anonymousId, UUID leadId, Instant at, String via) {
    UUID known = visitors(List.of(anonymousId)).get(anonymousId);
    if (known == null) {
      try {
        db.insertInto(TRACKING_VISITOR).set(TRACKING_VISITOR.ANONYMOUS_ID, anonymousId)
            .set(TRACKING_VISITOR.LEAD_ID, leadId).set(TRACKING_VISITOR.IDENTIFIED_AT, at)
            .set(TRACKING_VISITOR.VIA, via).execute();
        known = leadId;
      } catch (DuplicateKeyException raced) {
        known = visitors(List.of(anonymousId)).get(anonymousId);
      }
    }
    if (known == null || !known.equals(leadId)) {
      return 0;
    }
    return db.update(TRACKING_EVENT).set(TRACKING_EVENT.LEAD_ID, leadId)
        .where(TRACKING_EVENT.ANONYMOUS_ID.eq(anonymousId).and(TRACKING_EVENT.LEAD_ID.isNull())).execute();
  }

  /** The lead's earliest and latest events that carried campaign parameters (at most two). */
  public List<TrackedEvent> withCampaign(UUID leadId) {
    Condition c = TRACKING_EVENT.LEAD_ID.eq(leadId).and(TRACKING_EVENT.UTM_SOURCE.isNotNull());
    List<TrackedEvent> out = new ArrayList<>();
    db.selectFrom(TRACKING_EVENT).where(c).orderBy(TRACKING_EVENT.OCCURRED_AT.asc()).limit(1)
        .forEach(r -> out.add(row(r).event()));
    db.selectFrom(TRACKING_EVENT).where(c).orderBy(TRACKING_EVENT.OCCURRED_AT.desc()).limit(1)
        .forEach(r -> out.add(row(r).event()));
    return out;
  }

  /** One stored event as the timeline and the API show it. */
  public record Row(long id, TrackedEvent event, Instant receivedAt) {}

  /** A lead's events, newest first, before {@code before} when given. */
  public List<Row> ofLead(UUID leadId, int limit, @Nullable Instant before) {
    Condition c = TRACKING_EVENT.LEAD_ID.eq(leadId);
    if (before != null) {
      c = c.and(TRACKING_EVENT.OCCURRED_AT.lt(before));
    }
    return db.selectFrom(TRACKING_EVENT).where(c).orderBy(TRACKING_EVENT.OCCURRED_AT.desc(), TRACKING_EVENT.ID.desc())
        .limit(limit).fetch(TrackedEvents::row);
  }

  /** The events of these leads since {@code since}, oldest first, by lead. */
  public Map<UUID, List<TrackedEvent>> ofLeads(Collection<UUID> leads, Instant since) {
    Map<UUID, List<TrackedEvent>> out = new HashMap<>();
    if (!leads.isEmpty()) {
      db.selectFrom(TRACKING_EVENT).where(TRACKING_EVENT.LEAD_ID.in(leads).and(TRACKING_EVENT.OCCURRED_AT.ge(since)))
          .orderBy(TRACKING_EVENT.OCCURRED_AT, TRACKING_EVENT.ID)
          .forEach(r -> out.computeIfAbsent(r.getLeadId(), k -> new ArrayList<>()).add(row(r).event()));
    }
    return out;
  }

  /**
   * Events stored after {@code afterId} and received before {@code receivedBefore} (the change feed
   * of scoring): the last id read, and each lead with the latest time one of its events arrived.
   */
  public Feed after(long afterId, Instant receivedBefore, int limit) {
    var rows = db.select(TRACKING_EVENT.ID, TRACKING_EVENT.LEAD_ID, TRACKING_EVENT.RECEIVED_AT).from(TRACKING_EVENT)
        .where(TRACKING_EVENT.ID.gt(afterId).and(TRACKING_EVENT.RECEIVED_AT.lt(receivedBefore)))
        .orderBy(TRACKING_EVENT.ID).limit(limit).fetch();
    Map<UUID, Instant> leads = new HashMap<>();
    long last = afterId;
    for (var r : rows) {
      last = r.value1();
      if (r.value2() != null) {
        leads.merge(r.value2(), r.value3(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    return new Feed(last, leads, rows.size());
  }

  public record Feed(long lastId, Map<UUID, Instant> leads, int read) {}

  /** How many events each of these leads has, for counters on pages. */
  public Map<UUID, Integer> counts(Collection<UUID> leads) {
    Map<UUID, Integer> out = new LinkedHashMap<>();
    if (!leads.isEmpty()) {
      db.select(TRACKING_EVENT.LEAD_ID, DSL.count()).from(TRACKING_EVENT).where(TRACKING_EVENT.LEAD_ID.in(leads))
          .groupBy(TRACKING_EVENT.LEAD_ID).forEach(r -> out.put(r.value1(), r.value2()));
    }
    return out;
  }

  static Row row(TrackingEventRecord r) {
    Map<String, String> properties = r.getProperties() == null ? Map.of() : JSON.readValue(r.getProperties(), PROPERTIES);
    TrackedEvent e = new TrackedEvent(r.getEventId(), EventType.valueOf(r.getEventType()), r.getLeadId(),
        r.getAnonymousId(), r.getUrl(), r.getPath(), r.getOccurredAt(), properties,
        new TrackedEvent.Utm(r.getUtmSource(), r.getUtmMedium(), r.getUtmCampaign(), r.getUtmTerm(), r.getUtmContent()),
        r.getReferrer(), TrackedEvent.Channel.valueOf(r.getChannel()));
    return new Row(r.getId(), e, r.getReceivedAt());
  }
}
