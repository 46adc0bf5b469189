package org.sarnakh.routing.internal;

import static org.sarnakh.platform.db.Tables.LEAD_ACTIVITY;
import static org.sarnakh.platform.db.Tables.LEAD_HISTORY;
import static org.sarnakh.platform.db.Tables.ROUTING_HANDOFF;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.BulkInsert;
import org.sarnakh.platform.db.tables.records.RoutingHandoffRecord;
import org.springframework.stereotype.Repository;

/** Hand-off rows: a routed lead waiting for its rep to accept, reject or touch it, with its deadlines. */
@Repository
public class HandoffStore {

  public static final String PENDING = "PENDING";

  private final DSLContext db;

  HandoffStore(DSLContext db) {
    this.db = db;
  }

  public RoutingHandoffRecord newRow() {
    return db.newRecord(ROUTING_HANDOFF);
  }

  /** Replaces the hand-offs of these leads: the previous reps' close, the new ones' open. */
  public void replace(Collection<UUID> leads, List<RoutingHandoffRecord> opened) {
    if (!leads.isEmpty()) {
      db.deleteFrom(ROUTING_HANDOFF).where(ROUTING_HANDOFF.LEAD_ID.in(leads)).execute();
    }
    BulkInsert.insert(db, ROUTING_HANDOFF, List.of(ROUTING_HANDOFF.LEAD_ID, ROUTING_HANDOFF.OWNER_ID,
        ROUTING_HANDOFF.RULE_ID, ROUTING_HANDOFF.ASSIGNED_AT, ROUTING_HANDOFF.REMIND_AT, ROUTING_HANDOFF.DUE_AT,
        ROUTING_HANDOFF.STATE, ROUTING_HANDOFF.REASSIGNMENTS, ROUTING_HANDOFF.NOTIFIED, ROUTING_HANDOFF.REMINDED), opened);
  }

  /** How often each of these leads was already reassigned for a missed first touch. */
  public Map<UUID, Integer> reassignments(Collection<UUID> leads) {
    Map<UUID, Integer> out = new HashMap<>();
    if (!leads.isEmpty()) {
      db.select(ROUTING_HANDOFF.LEAD_ID, ROUTING_HANDOFF.REASSIGNMENTS).from(ROUTING_HANDOFF)
          .where(ROUTING_HANDOFF.LEAD_ID.in(leads)).forEach(r -> out.put(r.value1(), r.value2()));
    }
    return out;
  }

  public @Nullable RoutingHandoffRecord find(UUID lead) {
    return db.selectFrom(ROUTING_HANDOFF).where(ROUTING_HANDOFF.LEAD_ID.eq(lead)).fetchOne();
  }

  /** The open hand-off of a lead for this rep, locked. */
  public @Nullable RoutingHandoffRecord lockPending(UUID lead, UUID owner) {
    return db.selectFrom(ROUTING_HANDOFF).where(ROUTING_HANDOFF.LEAD_ID.eq(lead)).and(ROUTING_HANDOFF.OWNER_ID.eq(owner))
        .and(ROUTING_HANDOFF.STATE.eq(PENDING)).forUpdate().fetchOne();
  }

  public List<RoutingHandoffRecord> pendingOf(UUID owner, int limit) {
    return db.selectFrom(ROUTING_HANDOFF).where(ROUTING_HANDOFF.OWNER_ID.eq(owner)).and(ROUTING_HANDOFF.STATE.eq(PENDING))
        .orderBy(ROUTING_HANDOFF.ASSIGNED_AT.desc()).limit(limit).fetch();
  }

  public void close(UUID lead, String state, @Nullable String reason, Instant at) {
    db.update(ROUTING_HANDOFF).set(ROUTING_HANDOFF.STATE, state).set(ROUTING_HANDOFF.REASON, reason)
        .set(ROUTING_HANDOFF.CLOSED_AT, at).where(ROUTING_HANDOFF.LEAD_ID.eq(lead)).execute();
  }

  public void markNotified(UUID lead) {
    db.update(ROUTING_HANDOFF).set(ROUTING_HANDOFF.NOTIFIED, true).where(ROUTING_HANDOFF.LEAD_ID.eq(lead)).execute();
  }

  public void markReminded(UUID lead) {
    db.update(ROUTING_HANDOFF).set(ROUTING_HANDOFF.REMINDED, true).where(ROUTING_HANDOFF.LEAD_ID.eq(lead)).execute();
  }

  /** Open hand-offs with work due at {@code now} (a notice to send, a reminder, a breach), claimed for this transaction. */
  public List<RoutingHandoffRecord> claimDue(Instant now, int limit) {
    var select = db.selectFrom(ROUTING_HANDOFF).where(ROUTING_HANDOFF.STATE.eq(PENDING))
        .and(ROUTING_HANDOFF.NOTIFIED.isFalse().or(ROUTING_HANDOFF.DUE_AT.le(now))
            .or(ROUTING_HANDOFF.REMINDED.isFalse().and(ROUTING_HANDOFF.REMIND_AT.le(now))))
        .orderBy(ROUTING_HANDOFF.ASSIGNED_AT).limit(limit).forUpdate();
    return (db.dialect().family() == SQLDialect.POSTGRES ? select.skipLocked() : select).fetch();
  }

  /** Whether the rep touched the lead since {@code since}: logged an activity on it or changed its status. */
  public boolean touched(UUID lead, UUID owner, Instant since) {
    return db.fetchExists(LEAD_ACTIVITY, LEAD_ACTIVITY.LEAD_ID.eq(lead).and(LEAD_ACTIVITY.CREATED_BY.eq(owner))
            .and(LEAD_ACTIVITY.CREATED_AT.ge(since)))
        || db.fetchExists(LEAD_HISTORY, LEAD_HISTORY.LEAD_ID.eq(lead).and(LEAD_HISTORY.ACTOR_ID.eq(owner))
            .and(LEAD_HISTORY.FIELD.eq("status")).and(LEAD_HISTORY.AT.ge(since)));
  }

}
