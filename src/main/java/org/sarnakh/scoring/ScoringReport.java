package org.sarnakh.scoring;

import static org.sarnakh.platform.db.Tables.SCORE_HISTORY;
import static org.sarnakh.platform.db.Tables.SCORE_STATE;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadQueries;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily scoring report for managers (S1.6): the leads that became MQL in a period, the biggest
 * movers up and down between the period's first and last day, and how scores are spread now; each
 * limited to the leads the reader may see.
 */
@Service
public class ScoringReport {

  public static final int LISTED = 10;
  /** The crossings read for one report; more than this in a period is reported as "at least". */
  static final int MOST_CROSSINGS = 10_000;
  static final int BAND = 10;
  /** The biggest movers read for a reader who sees only some leads, before keeping the visible ones. */
  static final int CANDIDATES = 2_000;

  public record Mql(Lead lead, Instant crossedAt) {}

  public record Mover(Lead lead, int before, int now) {
    public int delta() {
      return now - before;
    }
  }

  /** The report; {@code newMqlsAtLeast} says the count stopped at {@link #MOST_CROSSINGS}. */
  public record Report(Instant from, Instant to, int newMqls, boolean newMqlsAtLeast, List<Mql> mqls,
      List<Mover> risers, List<Mover> fallers, SortedMap<Integer, Long> distribution, int bandWidth) {}

  private final DSLContext db;
  private final LeadQueries leads;

  ScoringReport(DSLContext db, LeadQueries leads) {
    this.db = db;
    this.leads = leads;
  }

  @Transactional(readOnly = true)
  public Report of(Instant from, Instant to, CurrentUser user) {
    List<UUID> crossed = db.select(SCORE_STATE.LEAD_ID).from(SCORE_STATE)
        .where(SCORE_STATE.CROSSED_AT.ge(from).and(SCORE_STATE.CROSSED_AT.lt(to)))
        .orderBy(SCORE_STATE.CROSSED_AT.desc(), SCORE_STATE.LEAD_ID).limit(MOST_CROSSINGS)
        .fetch(SCORE_STATE.LEAD_ID);
    List<Lead> visibleMqls = visibleInOrder(crossed, user);
    List<Lead> listed = visibleMqls.subList(0, Math.min(LISTED, visibleMqls.size()));
    Map<UUID, Instant> crossedAt = new LinkedHashMap<>();
    if (!listed.isEmpty()) {
      db.select(SCORE_STATE.LEAD_ID, SCORE_STATE.CROSSED_AT).from(SCORE_STATE)
          .where(SCORE_STATE.LEAD_ID.in(listed.stream().map(l -> l.id().value()).toList()))
          .forEach(r -> crossedAt.put(r.value1(), r.value2()));
    }
    List<Mql> mqls = listed.stream().map(l -> new Mql(l, crossedAt.get(l.id().value()))).toList();

    LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC).minusDays(1);
    LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
    return new Report(from, to, visibleMqls.size(), crossed.size() == MOST_CROSSINGS, mqls,
        movers(first, last, true, user), movers(first, last, false, user), leads.scoreDistribution(user, BAND), BAND);
  }

  /**
   * The leads whose latest score in (first, last] differs most from their latest score on or
   * before {@code first} (zero for leads not scored before).
   */
  private List<Mover> movers(LocalDate first, LocalDate last, boolean up, CurrentUser user) {
    Table<Record2<UUID, LocalDate>> latest = DSL.select(SCORE_HISTORY.LEAD_ID, DSL.max(SCORE_HISTORY.SCORE_DAY).as("d"))
        .from(SCORE_HISTORY).where(SCORE_HISTORY.SCORE_DAY.gt(first).and(SCORE_HISTORY.SCORE_DAY.le(last)))
        .groupBy(SCORE_HISTORY.LEAD_ID).asTable("latest");
    Table<Record2<UUID, LocalDate>> earlier = DSL.select(SCORE_HISTORY.LEAD_ID, DSL.max(SCORE_HISTORY.SCORE_DAY).as("d"))
        .from(SCORE_HISTORY).where(SCORE_HISTORY.SCORE_DAY.le(first))
        .groupBy(SCORE_HISTORY.LEAD_ID).asTable("earlier");
    var now = SCORE_HISTORY.as("now_h");
    var before = SCORE_HISTORY.as("before_h");
    var latestLead = latest.field(SCORE_HISTORY.LEAD_ID.getName(), UUID.class);
    var latestDay = latest.field("d", LocalDate.class);
    var earlierLead = earlier.field(SCORE_HISTORY.LEAD_ID.getName(), UUID.class);
    var earlierDay = earlier.field("d", LocalDate.class);
    var beforeTotal = DSL.coalesce(before.TOTAL, 0);
    var delta = now.TOTAL.minus(beforeTotal);
    Map<UUID, int[]> scores = new LinkedHashMap<>();
    db.select(now.LEAD_ID, beforeTotal, now.TOTAL).from(latest)
        .join(now).on(now.LEAD_ID.eq(latestLead).and(now.SCORE_DAY.eq(latestDay)))
        .leftJoin(earlier).on(earlierLead.eq(latestLead))
        .leftJoin(before).on(before.LEAD_ID.eq(earlierLead).and(before.SCORE_DAY.eq(earlierDay)))
        .where(up ? delta.gt(0) : delta.lt(0))
        // The visible ones are picked afterwards: a reader who sees part of the leads needs more candidates.
        .orderBy(up ? delta.desc() : delta.asc(), now.LEAD_ID).limit(user.role().seesAllLeads() ? LISTED : CANDIDATES)
        .forEach(r -> scores.put(r.value1(), new int[] {r.value2(), r.value3()}));
    List<Mover> out = new ArrayList<>();
    for (Lead l : visibleInOrder(new ArrayList<>(scores.keySet()), user)) {
      int[] s = scores.get(l.id().value());
      out.add(new Mover(l, s[0], s[1]));
      if (out.size() == LISTED) {
        break;
      }
    }
    return out;
  }

  private List<Lead> visibleInOrder(List<UUID> ids, CurrentUser user) {
    Map<UUID, Lead> seen = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i += 1000) {
      for (Lead l : leads.visible(ids.subList(i, Math.min(ids.size(), i + 1000)), user)) {
        seen.put(l.id().value(), l);
      }
    }
    List<Lead> out = new ArrayList<>(seen.size());
    for (UUID id : ids) {
      Lead l = seen.get(id);
      if (l != null) {
        out.add(l);
      }
    }
    return out;
  }
}
