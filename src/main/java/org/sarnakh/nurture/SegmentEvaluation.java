package org.sarnakh.nurture;

import static org.sarnakh.platform.db.Tables.SEGMENT;
import static org.sarnakh.platform.db.Tables.SEGMENT_MEMBER;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.LeadSets;
import org.springframework.stereotype.Component;

/**
 * Brings a dynamic segment's stored members in step with its definition over a scope of leads (a
 * few changed ones, or a chunk of all of them) in two set-based statements: members that no longer
 * match leave, matching leads that are not members join (keeping the time they joined). The
 * member count moves by the same amounts in the same transaction.
 */
@Component
class SegmentEvaluation {

  record Delta(int added, int removed) {
    Delta plus(Delta o) {
      return new Delta(added + o.added, removed + o.removed);
    }
  }

  private final DSLContext db;

  SegmentEvaluation(DSLContext db) {
    this.db = db;
  }

  /** For these leads only (live membership). */
  Delta reconcile(UUID segment, SegmentDefinition definition, Collection<UUID> leads, Instant now) {
    return reconcile(segment, definition, LeadSets.among(leads), SEGMENT_MEMBER.LEAD_ID.in(leads), now);
  }

  /**
   * For the leads with ids in {@code (after, upTo]} (a chunk of a full evaluation); a null bound is
   * open. Ids are compared by the database, never by Java (whose UUID order differs).
   */
  Delta reconcileRange(UUID segment, SegmentDefinition definition, @Nullable UUID after, @Nullable UUID upTo,
      Instant now) {
    Condition members = DSL.trueCondition();
    if (after != null) {
      members = members.and(SEGMENT_MEMBER.LEAD_ID.gt(after));
    }
    if (upTo != null) {
      members = members.and(SEGMENT_MEMBER.LEAD_ID.le(upTo));
    }
    return reconcile(segment, definition, LeadSets.idBetween(after, upTo), members, now);
  }

  /** Sets the member count to what is stored (after a full evaluation) and marks the segment evaluated. */
  void settle(UUID segment, Instant now) {
    long members = db.fetchCount(SEGMENT_MEMBER, SEGMENT_MEMBER.SEGMENT_ID.eq(segment));
    db.update(SEGMENT).set(SEGMENT.MEMBER_COUNT, members).set(SEGMENT.STATE, Segment.READY)
        .set(SEGMENT.EVALUATED_AT, now).where(SEGMENT.ID.eq(segment)).execute();
  }

  /** For the current members only: who left because time passed (an event fell out of its window). */
  Delta prune(UUID segment, SegmentDefinition definition, Instant now) {
    int removed = db.deleteFrom(SEGMENT_MEMBER).where(SEGMENT_MEMBER.SEGMENT_ID.eq(segment))
        .and(DSL.notExists(DSL.selectOne().from(definition.table())
            .where(LeadSets.id().eq(SEGMENT_MEMBER.LEAD_ID)).and(definition.condition(now))))
        .execute();
    count(segment, 0, removed);
    return new Delta(0, removed);
  }

  private Delta reconcile(UUID segment, SegmentDefinition definition, Condition leads, Condition members, Instant now) {
    Condition matches = definition.condition(now);
    int removed = db.deleteFrom(SEGMENT_MEMBER).where(SEGMENT_MEMBER.SEGMENT_ID.eq(segment)).and(members)
        .and(DSL.notExists(DSL.selectOne().from(definition.table())
            .where(LeadSets.id().eq(SEGMENT_MEMBER.LEAD_ID)).and(matches)))
        .execute();
    int added = db.insertInto(SEGMENT_MEMBER, SEGMENT_MEMBER.SEGMENT_ID, SEGMENT_MEMBER.LEAD_ID, SEGMENT_MEMBER.ADDED_AT)
        .select(DSL.select(DSL.val(segment, SEGMENT_MEMBER.SEGMENT_ID), LeadSets.id(), DSL.val(now, SEGMENT_MEMBER.ADDED_AT))
            .from(definition.table()).where(leads).and(matches)
            .andNotExists(DSL.selectOne().from(SEGMENT_MEMBER)
                .where(SEGMENT_MEMBER.SEGMENT_ID.eq(segment)).and(SEGMENT_MEMBER.LEAD_ID.eq(LeadSets.id()))))
        // A live change and a full evaluation may add the same lead at once: one insert wins.
        .onConflictDoNothing()
        .execute();
    count(segment, added, removed);
    return new Delta(added, removed);
  }

  /** Static lists: put these leads in (those not yet members, and only live ones). */
  int add(UUID segment, Collection<UUID> leads, Instant now) {
    int added = db.insertInto(SEGMENT_MEMBER, SEGMENT_MEMBER.SEGMENT_ID, SEGMENT_MEMBER.LEAD_ID, SEGMENT_MEMBER.ADDED_AT)
        .select(DSL.select(DSL.val(segment, SEGMENT_MEMBER.SEGMENT_ID), LeadSets.id(), DSL.val(now, SEGMENT_MEMBER.ADDED_AT))
            .from(LeadSets.table(org.sarnakh.lead.LeadQuery.Filters.none())).where(LeadSets.among(leads))
            .and(LeadSets.matching(org.sarnakh.lead.LeadQuery.Filters.none()))
            .andNotExists(DSL.selectOne().from(SEGMENT_MEMBER)
                .where(SEGMENT_MEMBER.SEGMENT_ID.eq(segment)).and(SEGMENT_MEMBER.LEAD_ID.eq(LeadSets.id()))))
        // A live change and a full evaluation may add the same lead at once: one insert wins.
        .onConflictDoNothing()
        .execute();
    count(segment, added, 0);
    return added;
  }

  int remove(UUID segment, Collection<UUID> leads) {
    int removed = db.deleteFrom(SEGMENT_MEMBER).where(SEGMENT_MEMBER.SEGMENT_ID.eq(segment))
        .and(SEGMENT_MEMBER.LEAD_ID.in(leads)).execute();
    count(segment, 0, removed);
    return removed;
  }

  /** How many leads the definition matches now, and a few of them, without storing anything. */
  long countMatching(SegmentDefinition definition, Instant now) {
    return db.fetchCount(DSL.selectOne().from(definition.table()).where(definition.condition(now)));
  }

  java.util.List<UUID> sampleMatching(SegmentDefinition definition, Instant now, int limit) {
    return db.select(LeadSets.id()).from(definition.table()).where(definition.condition(now)).orderBy(LeadSets.id())
        .limit(limit).fetch(LeadSets.id());
  }

  private void count(UUID segment, int added, int removed) {
    if (added != 0 || removed != 0) {
      db.update(SEGMENT).set(SEGMENT.MEMBER_COUNT, SEGMENT.MEMBER_COUNT.plus(added - removed))
          .where(SEGMENT.ID.eq(segment)).execute();
    }
  }
}
