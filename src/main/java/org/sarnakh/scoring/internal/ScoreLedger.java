package org.sarnakh.scoring.internal;

import static org.sarnakh.platform.db.Tables.SCORE_CONTRIBUTION;
import static org.sarnakh.platform.db.Tables.SCORE_HISTORY;
import static org.sarnakh.platform.db.Tables.SCORE_STATE;
import static org.sarnakh.platform.db.Tables.SCORING_CURSOR;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.sarnakh.platform.BulkInsert;
import org.sarnakh.platform.db.tables.records.ScoreContributionRecord;
import org.sarnakh.scoring.Axis;
import org.sarnakh.scoring.Contribution;
import org.springframework.stereotype.Repository;

/** The ledger of contributions per lead, each lead's threshold state, and the daily score history. */
@Repository
public class ScoreLedger {

  /** Whether a lead can cross the threshold (armed) and when it last did. */
  public record State(boolean armed) {}

  /** One day's score of a lead, for the score-over-time chart. */
  public record Day(LocalDate day, int fit, int engagement, int total) {}

  /** What one rule gave a lead lately: how many contributions and their points before decay. */
  public record Recent(UUID lead, String rule, int count, int points) {}

  private final DSLContext db;

  ScoreLedger(DSLContext db) {
    this.db = db;
  }

  public List<Contribution> of(UUID lead) {
    return db.selectFrom(SCORE_CONTRIBUTION).where(SCORE_CONTRIBUTION.LEAD_ID.eq(lead))
        .orderBy(SCORE_CONTRIBUTION.AT, SCORE_CONTRIBUTION.ID).fetch(r -> new Contribution(r.getRuleId(),
            r.getRuleVersion(), r.getRuleName(), Axis.valueOf(r.getAxis()), r.getPoints(), r.getEventId(), r.getAt()));
  }

  /** Replaces the ledgers of these leads with what the rules give now. */
  public void replace(Map<UUID, List<Contribution>> ledgers) {
    if (ledgers.isEmpty()) {
      return;
    }
    db.deleteFrom(SCORE_CONTRIBUTION).where(SCORE_CONTRIBUTION.LEAD_ID.in(ledgers.keySet())).execute();
    List<ScoreContributionRecord> rows = new ArrayList<>();
    ledgers.forEach((lead, contributions) -> {
      for (Contribution c : contributions) {
        rows.add(db.newRecord(SCORE_CONTRIBUTION).setLeadId(lead).setRuleId(c.ruleId()).setRuleVersion(c.ruleVersion())
            .setRuleName(c.ruleName()).setAxis(c.axis().name()).setPoints(c.points()).setEventId(c.eventId()).setAt(c.at()));
      }
    });
    List<org.jooq.Field<?>> columns = new ArrayList<>(List.of(SCORE_CONTRIBUTION.fields()));
    columns.remove(SCORE_CONTRIBUTION.ID);
    BulkInsert.insert(db, SCORE_CONTRIBUTION, columns, rows);
  }

  /** Engagement that counted for these leads since {@code since}, per lead and rule, biggest first. */
  public List<Recent> recentEngagement(Collection<UUID> leads, Instant since) {
    if (leads.isEmpty()) {
      return List.of();
    }
    var points = org.jooq.impl.DSL.sum(SCORE_CONTRIBUTION.POINTS);
    return db.select(SCORE_CONTRIBUTION.LEAD_ID, SCORE_CONTRIBUTION.RULE_NAME, org.jooq.impl.DSL.count(), points)
        .from(SCORE_CONTRIBUTION)
        .where(SCORE_CONTRIBUTION.LEAD_ID.in(leads)).and(SCORE_CONTRIBUTION.AXIS.eq(Axis.ENGAGEMENT.name()))
        .and(SCORE_CONTRIBUTION.AT.ge(since))
        .groupBy(SCORE_CONTRIBUTION.LEAD_ID, SCORE_CONTRIBUTION.RULE_NAME)
        .orderBy(points.desc(), SCORE_CONTRIBUTION.RULE_NAME)
        .fetch(r -> new Recent(r.value1(), r.value2(), r.value3(), r.value4().intValue()));
  }

  public Map<UUID, State> states(Collection<UUID> leads) {
    Map<UUID, State> out = new HashMap<>();
    if (!leads.isEmpty()) {
      db.select(SCORE_STATE.LEAD_ID, SCORE_STATE.ARMED).from(SCORE_STATE).where(SCORE_STATE.LEAD_ID.in(leads))
          .forEach(r -> out.put(r.value1(), new State(r.value2())));
    }
    return out;
  }

  /** When each of these leads was last scored. */
  public Map<UUID, Instant> computedAt(Collection<UUID> leads) {
    Map<UUID, Instant> out = new HashMap<>();
    if (!leads.isEmpty()) {
      db.select(SCORE_STATE.LEAD_ID, SCORE_STATE.COMPUTED_AT).from(SCORE_STATE).where(SCORE_STATE.LEAD_ID.in(leads))
          .forEach(r -> out.put(r.value1(), r.value2()));
    }
    return out;
  }

  /** Locks the feed cursor (one sweeper at a time across nodes) and says where it stands. */
  public long lockCursor() {
    return db.select(SCORING_CURSOR.LAST_EVENT_ID).from(SCORING_CURSOR).where(SCORING_CURSOR.NAME.eq("events"))
        .forUpdate().fetchSingle(SCORING_CURSOR.LAST_EVENT_ID);
  }

  public void moveCursor(long lastEventId) {
    db.update(SCORING_CURSOR).set(SCORING_CURSOR.LAST_EVENT_ID, lastEventId).where(SCORING_CURSOR.NAME.eq("events"))
        .execute();
  }

  /**
   * Crosses the threshold if the lead is armed: disarms it and answers the number of this crossing
   * (1 for the first), or empty when it was not armed — when a concurrent rescore crossed first, say.
   */
  public java.util.OptionalInt cross(UUID lead, Instant at) {
    // The row of a lead scored for the first time: armed, so the conditional update below decides.
    db.insertInto(SCORE_STATE).set(SCORE_STATE.LEAD_ID, lead).set(SCORE_STATE.ARMED, true)
        .set(SCORE_STATE.COMPUTED_AT, at).set(SCORE_STATE.CROSSINGS, 0).onConflictDoNothing().execute();
    int n = db.update(SCORE_STATE).set(SCORE_STATE.ARMED, false).set(SCORE_STATE.CROSSED_AT, at)
        .set(SCORE_STATE.CROSSINGS, SCORE_STATE.CROSSINGS.plus(1))
        .where(SCORE_STATE.LEAD_ID.eq(lead).and(SCORE_STATE.ARMED.isTrue())).execute();
    if (n == 0) {
      return java.util.OptionalInt.empty();
    }
    return java.util.OptionalInt.of(db.select(SCORE_STATE.CROSSINGS).from(SCORE_STATE)
        .where(SCORE_STATE.LEAD_ID.eq(lead)).fetchSingle(SCORE_STATE.CROSSINGS));
  }

  /** Re-arms these leads (they fell below the re-arm score); a lead another rescore re-armed stays so. */
  public void rearm(Collection<UUID> leads) {
    if (!leads.isEmpty()) {
      db.update(SCORE_STATE).set(SCORE_STATE.ARMED, true)
          .where(SCORE_STATE.LEAD_ID.in(leads).and(SCORE_STATE.ARMED.isFalse())).execute();
    }
  }

  /**
   * Stores when a batch of leads was scored and their scores of the day, in two batched upserts.
   * Whether a lead is armed changes only through {@link #cross} and {@link #rearm}, conditional
   * updates, never by writing back what was read before: a rescore racing another cannot undo a
   * crossing or a re-arm.
   */
  public void store(Collection<UUID> scored, LocalDate day, Map<UUID, int[]> scores, Instant at) {
    if (!scored.isEmpty()) {
      var upsert = db.batch(db.insertInto(SCORE_STATE, SCORE_STATE.LEAD_ID, SCORE_STATE.ARMED, SCORE_STATE.COMPUTED_AT)
          .values((UUID) null, (Boolean) null, (Instant) null)
          .onConflict(SCORE_STATE.LEAD_ID).doUpdate().set(SCORE_STATE.COMPUTED_AT, DSL.excluded(SCORE_STATE.COMPUTED_AT)));
      for (UUID lead : scored) {
        upsert.bind(lead, true, at);
      }
      upsert.execute();
    }
    if (!scores.isEmpty()) {
      var upsert = db.batch(db.insertInto(SCORE_HISTORY, SCORE_HISTORY.LEAD_ID, SCORE_HISTORY.SCORE_DAY, SCORE_HISTORY.FIT,
              SCORE_HISTORY.ENGAGEMENT, SCORE_HISTORY.TOTAL).values((UUID) null, (LocalDate) null, (Integer) null,
              (Integer) null, (Integer) null)
          .onConflict(SCORE_HISTORY.LEAD_ID, SCORE_HISTORY.SCORE_DAY).doUpdate()
          .set(SCORE_HISTORY.FIT, DSL.excluded(SCORE_HISTORY.FIT))
          .set(SCORE_HISTORY.ENGAGEMENT, DSL.excluded(SCORE_HISTORY.ENGAGEMENT))
          .set(SCORE_HISTORY.TOTAL, DSL.excluded(SCORE_HISTORY.TOTAL)));
      scores.forEach((lead, s) -> upsert.bind(lead, day, s[0], s[1], s[2]));
      upsert.execute();
    }
  }

  public List<Day> days(UUID lead, int limit) {
    List<Day> newestFirst = db.selectFrom(SCORE_HISTORY).where(SCORE_HISTORY.LEAD_ID.eq(lead))
        .orderBy(SCORE_HISTORY.SCORE_DAY.desc()).limit(limit)
        .fetch(r -> new Day(r.getScoreDay(), r.getFit(), r.getEngagement(), r.getTotal()));
    List<Day> oldestFirst = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(oldestFirst);
    return oldestFirst;
  }
}
