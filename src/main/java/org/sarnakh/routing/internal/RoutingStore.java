package org.sarnakh.routing.internal;

import static org.sarnakh.platform.db.Tables.APP_USER;
import static org.sarnakh.platform.db.Tables.LEAD;
import static org.sarnakh.platform.db.Tables.ROUTING_ASSIGNMENT;
import static org.sarnakh.platform.db.Tables.ROUTING_PROFILE;
import static org.sarnakh.platform.db.Tables.ROUTING_QUEUE;
import static org.sarnakh.platform.db.Tables.ROUTING_RULE;
import static org.sarnakh.platform.db.Tables.ROUTING_TALLY;
import static org.sarnakh.platform.db.Tables.ROUTING_TURN;
import static org.sarnakh.platform.db.Tables.TEAM_MEMBER;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadStatus;
import org.sarnakh.platform.BulkInsert;
import org.sarnakh.platform.db.tables.records.RoutingAssignmentRecord;
import org.sarnakh.routing.Capacities;
import org.sarnakh.routing.Capacity;
import org.sarnakh.routing.Cause;
import org.springframework.stereotype.Repository;

/** Routing's tables: the queue, rule pointers and turns, counters, and the assignment record. */
@Repository
public class RoutingStore {

  /** A queued lead: why it waits and whom it must not go to. */
  public record Queued(long id, LeadId lead, Cause cause, @Nullable UUID excluded) {}

  /** A queued lead whose routing was decided and waits to be handed over. */
  public record Decided(long id, LeadId lead, @Nullable UUID owner, @Nullable UUID team) {}

  /** A tally key: a user and a period ('d2026-12-02' or 'm2026-12'). */
  public record TallyKey(UUID user, String period) implements Comparable<TallyKey> {
    @Override
    public int compareTo(TallyKey o) {
      int c = user.compareTo(o.user);
      return c != 0 ? c : period.compareTo(o.period);
    }
  }

  private static final List<String> OPEN = List.of(LeadStatus.NEW.name(), LeadStatus.ASSIGNED.name(),
      LeadStatus.IN_PROCESS.name(), LeadStatus.RECYCLED.name());

  private final DSLContext db;

  RoutingStore(DSLContext db) {
    this.db = db;
  }

  /**
   * Queues the leads among {@code ids} that match {@code which} (and are not queued already), in
   * one statement; returns how many.
   */
  public int enqueue(Collection<UUID> ids, Condition which, Cause cause, @Nullable UUID excluded, Instant at) {
    if (ids.isEmpty()) {
      return 0;
    }
    return db.insertInto(ROUTING_QUEUE, ROUTING_QUEUE.LEAD_ID, ROUTING_QUEUE.CAUSE, ROUTING_QUEUE.EXCLUDED,
            ROUTING_QUEUE.NOT_BEFORE)
        .select(DSL.select(LEAD.ID, DSL.val(cause.name()), DSL.val(excluded, UUID.class), DSL.val(at)).from(LEAD)
            .where(LEAD.ID.in(ids)).and(which).and(LEAD.DELETED_AT.isNull())
            .andNotExists(DSL.selectOne().from(ROUTING_QUEUE).where(ROUTING_QUEUE.LEAD_ID.eq(LEAD.ID))))
        .execute();
  }

  /**
   * Queues leads just created without owner: a bulk insert of the ids (COPY on PostgreSQL), no
   * read of the lead table, so an import's batches stay fast.
   */
  public void enqueueNew(List<LeadId> leads, Instant at) {
    var rows = new ArrayList<org.sarnakh.platform.db.tables.records.RoutingQueueRecord>(leads.size());
    for (LeadId id : leads) {
      rows.add(db.newRecord(ROUTING_QUEUE).setLeadId(id.value()).setCause(Cause.CREATED.name()).setNotBefore(at)
          .setDecided(false));
    }
    BulkInsert.insert(db, ROUTING_QUEUE, List.of(ROUTING_QUEUE.LEAD_ID, ROUTING_QUEUE.CAUSE, ROUTING_QUEUE.NOT_BEFORE,
        ROUTING_QUEUE.DECIDED), rows);
  }

  /** Claims up to {@code limit} due rows for this transaction; other nodes skip them (PostgreSQL) or wait (H2). */
  public List<Queued> claim(Instant now, int limit) {
    var select = db.select(ROUTING_QUEUE.ID, ROUTING_QUEUE.LEAD_ID, ROUTING_QUEUE.CAUSE, ROUTING_QUEUE.EXCLUDED)
        .from(ROUTING_QUEUE).where(ROUTING_QUEUE.DECIDED.isFalse()).and(ROUTING_QUEUE.NOT_BEFORE.le(now))
        .orderBy(ROUTING_QUEUE.ID).limit(limit).forUpdate();
    var rows = db.dialect().family() == SQLDialect.POSTGRES ? select.skipLocked() : select;
    return rows.fetch(r -> new Queued(r.value1(), new LeadId(r.value2()), Cause.valueOf(r.value3()), r.value4()));
  }

  /** Claims up to {@code limit} decided rows, to hand their leads over. */
  public List<Decided> claimDecided(Instant now, int limit) {
    var select = db.select(ROUTING_QUEUE.ID, ROUTING_QUEUE.LEAD_ID, ROUTING_QUEUE.DECIDED_OWNER,
            ROUTING_QUEUE.DECIDED_TEAM)
        .from(ROUTING_QUEUE).where(ROUTING_QUEUE.DECIDED.isTrue()).and(ROUTING_QUEUE.NOT_BEFORE.le(now))
        .orderBy(ROUTING_QUEUE.ID).limit(limit).forUpdate();
    var rows = db.dialect().family() == SQLDialect.POSTGRES ? select.skipLocked() : select;
    return rows.fetch(r -> new Decided(r.value1(), new LeadId(r.value2()), r.value3(), r.value4()));
  }

  /**
   * Records decisions on their queue rows: the claimed rows are replaced by decided ones in two
   * statements (a delete and a bulk insert) rather than one update per row.
   */
  public void markDecided(List<Queued> rows, Map<Long, Decided> decided, Instant at) {
    if (decided.isEmpty()) {
      return;
    }
    dequeue(decided.keySet());
    var records = new ArrayList<org.sarnakh.platform.db.tables.records.RoutingQueueRecord>(decided.size());
    for (Queued q : rows) {
      Decided d = decided.get(q.id());
      if (d != null) {
        records.add(db.newRecord(ROUTING_QUEUE).setLeadId(q.lead().value()).setCause(q.cause().name())
            .setExcluded(q.excluded()).setNotBefore(at).setDecided(true).setDecidedOwner(d.owner())
            .setDecidedTeam(d.team()));
      }
    }
    BulkInsert.insert(db, ROUTING_QUEUE, List.of(ROUTING_QUEUE.LEAD_ID, ROUTING_QUEUE.CAUSE, ROUTING_QUEUE.EXCLUDED,
        ROUTING_QUEUE.NOT_BEFORE, ROUTING_QUEUE.DECIDED, ROUTING_QUEUE.DECIDED_OWNER, ROUTING_QUEUE.DECIDED_TEAM), records);
  }

  public void dequeue(Collection<Long> ids) {
    if (!ids.isEmpty()) {
      db.deleteFrom(ROUTING_QUEUE).where(ROUTING_QUEUE.ID.in(ids)).execute();
    }
  }

  public void postpone(Collection<Long> ids, Instant until) {
    if (!ids.isEmpty()) {
      db.update(ROUTING_QUEUE).set(ROUTING_QUEUE.NOT_BEFORE, until).where(ROUTING_QUEUE.ID.in(ids)).execute();
    }
  }

  /** Which of these leads wait in the routing queue. */
  public Set<UUID> queuedAmong(Collection<UUID> leads) {
    if (leads.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(db.select(ROUTING_QUEUE.LEAD_ID).from(ROUTING_QUEUE).where(ROUTING_QUEUE.LEAD_ID.in(leads))
        .fetch(ROUTING_QUEUE.LEAD_ID));
  }

  /** Locks the rules' rows in id order (so routers never deadlock) and answers each rule's round-robin pointer. */
  public Map<UUID, @Nullable UUID> lockRules(Collection<UUID> ruleIds) {
    Map<UUID, @Nullable UUID> out = new HashMap<>();
    if (!ruleIds.isEmpty()) {
      db.select(ROUTING_RULE.ID, ROUTING_RULE.LAST_USER_ID).from(ROUTING_RULE).where(ROUTING_RULE.ID.in(ruleIds))
          .orderBy(ROUTING_RULE.ID).forUpdate().forEach(r -> out.put(r.value1(), r.value2()));
    }
    return out;
  }

  public void movePointers(Map<UUID, UUID> lastUser) {
    if (lastUser.isEmpty()) {
      return;
    }
    var batch = db.batch(db.update(ROUTING_RULE).set(ROUTING_RULE.LAST_USER_ID, (UUID) null)
        .where(ROUTING_RULE.ID.eq((UUID) null)));
    new TreeMap<>(lastUser).forEach((rule, user) -> batch.bind(user, rule));
    batch.execute();
  }

  /** Each rule's turns per member (weighted rotation), read under the rules' locks. */
  public Map<UUID, Map<UUID, Long>> turns(Collection<UUID> ruleIds) {
    Map<UUID, Map<UUID, Long>> out = new HashMap<>();
    if (!ruleIds.isEmpty()) {
      db.selectFrom(ROUTING_TURN).where(ROUTING_TURN.RULE_ID.in(ruleIds))
          .forEach(r -> out.computeIfAbsent(r.getRuleId(), k -> new HashMap<>()).put(r.getUserId(), r.getTurns()));
    }
    return out;
  }

  /** Writes the turns that changed: {@code after} against {@code before}. */
  public void saveTurns(Map<UUID, Map<UUID, Long>> before, Map<UUID, Map<UUID, Long>> after) {
    var update = new ArrayList<Object[]>();
    var insert = new ArrayList<org.sarnakh.platform.db.tables.records.RoutingTurnRecord>();
    after.forEach((rule, turns) -> turns.forEach((user, n) -> {
      Long old = before.getOrDefault(rule, Map.of()).get(user);
      if (old == null) {
        insert.add(db.newRecord(ROUTING_TURN).setRuleId(rule).setUserId(user).setTurns(n));
      } else if (!old.equals(n)) {
        update.add(new Object[] {n, rule, user});
      }
    }));
    if (!update.isEmpty()) {
      var batch = db.batch(db.update(ROUTING_TURN).set(ROUTING_TURN.TURNS, (Long) null)
          .where(ROUTING_TURN.RULE_ID.eq((UUID) null)).and(ROUTING_TURN.USER_ID.eq((UUID) null)));
      update.forEach(batch::bind);
      batch.execute();
    }
    BulkInsert.insert(db, ROUTING_TURN, List.of(ROUTING_TURN.fields()), insert);
  }

  /** The sales reps of these teams (managers lead a team, they are not in its rotation), each team's by user id. */
  public Map<UUID, List<UUID>> teamMembers(Collection<UUID> teams) {
    Map<UUID, List<UUID>> out = new HashMap<>();
    if (!teams.isEmpty()) {
      db.select(TEAM_MEMBER.TEAM_ID, TEAM_MEMBER.USER_ID).from(TEAM_MEMBER).join(APP_USER)
          .on(APP_USER.ID.eq(TEAM_MEMBER.USER_ID)).where(TEAM_MEMBER.TEAM_ID.in(teams))
          .and(APP_USER.ROLE.eq(org.sarnakh.identity.Role.SALES_REP.name()))
          .orderBy(TEAM_MEMBER.TEAM_ID, TEAM_MEMBER.USER_ID)
          .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
    }
    return out;
  }

  /**
   * What routing needs to know of these users at {@code at}: one query for users with their
   * profiles, one for absences, one for the counters (those of capped users locked, so two
   * routers cannot both give a rep their last lead of the day).
   */
  public Map<UUID, Rep> reps(Collection<UUID> ids, Instant at) {
    Map<UUID, Rep> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    record Row(UUID id, String name, boolean active, ZoneId zone, Capacity capacity) {}
    List<Row> rows = new ArrayList<>();
    db.select(APP_USER.ID, APP_USER.DISPLAY_NAME, APP_USER.ACTIVE, APP_USER.TIME_ZONE, ROUTING_PROFILE.asterisk())
        .from(APP_USER).leftJoin(ROUTING_PROFILE).on(ROUTING_PROFILE.USER_ID.eq(APP_USER.ID))
        .where(APP_USER.ID.in(ids))
        .forEach(r -> {
          var p = r.into(ROUTING_PROFILE);
          Capacity c = p.getUserId() == null ? Capacity.open(r.get(APP_USER.ID)) : Capacities.capacity(p);
          rows.add(new Row(r.get(APP_USER.ID), r.get(APP_USER.DISPLAY_NAME), r.get(APP_USER.ACTIVE),
              zone(r.get(APP_USER.TIME_ZONE)), c));
        });
    Set<UUID> away = Set.copyOf(db.selectDistinct(org.sarnakh.platform.db.Tables.ROUTING_ABSENCE.USER_ID)
        .from(org.sarnakh.platform.db.Tables.ROUTING_ABSENCE)
        .where(org.sarnakh.platform.db.Tables.ROUTING_ABSENCE.USER_ID.in(ids)
            .and(org.sarnakh.platform.db.Tables.ROUTING_ABSENCE.STARTS_AT.le(at))
            .and(org.sarnakh.platform.db.Tables.ROUTING_ABSENCE.ENDS_AT.gt(at)))
        .fetch(org.sarnakh.platform.db.Tables.ROUTING_ABSENCE.USER_ID));
    List<TallyKey> capped = new ArrayList<>();
    for (Row r : rows) {
      if (r.capacity().capped()) {
        Rep probe = new Rep(r.id(), r.name(), true, r.active(), r.zone(), r.capacity(), false, 0, 0);
        capped.add(new TallyKey(r.id(), probe.dayKey(at)));
        capped.add(new TallyKey(r.id(), probe.monthKey(at)));
      }
    }
    Map<TallyKey, Integer> tallies = lockTallies(capped);
    for (Row r : rows) {
      Rep probe = new Rep(r.id(), r.name(), true, r.active(), r.zone(), r.capacity(), false, 0, 0);
      out.put(r.id(), new Rep(r.id(), r.name(), true, r.active(), r.zone(), r.capacity(), away.contains(r.id()),
          tallies.getOrDefault(new TallyKey(r.id(), probe.dayKey(at)), 0),
          tallies.getOrDefault(new TallyKey(r.id(), probe.monthKey(at)), 0)));
    }
    return out;
  }

  private Map<TallyKey, Integer> lockTallies(List<TallyKey> keys) {
    Map<TallyKey, Integer> out = new HashMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    List<TallyKey> sorted = keys.stream().sorted().toList();
    var insert = db.insertInto(ROUTING_TALLY, ROUTING_TALLY.USER_ID, ROUTING_TALLY.PERIOD, ROUTING_TALLY.ASSIGNED);
    for (TallyKey k : sorted) {
      insert = insert.values(k.user(), k.period(), 0);
    }
    insert.onDuplicateKeyIgnore().execute();
    Condition any = DSL.or(sorted.stream().map(k -> ROUTING_TALLY.USER_ID.eq(k.user())
        .and(ROUTING_TALLY.PERIOD.eq(k.period()))).toList());
    db.selectFrom(ROUTING_TALLY).where(any).orderBy(ROUTING_TALLY.USER_ID, ROUTING_TALLY.PERIOD).forUpdate()
        .forEach(r -> out.put(new TallyKey(r.getUserId(), r.getPeriod()), r.getAssigned()));
    return out;
  }

  /** Adds to the counters, in key order; absent rows are created. */
  public void addTallies(Map<TallyKey, Integer> added) {
    if (added.isEmpty()) {
      return;
    }
    var sorted = new TreeMap<>(added);
    var insert = db.insertInto(ROUTING_TALLY, ROUTING_TALLY.USER_ID, ROUTING_TALLY.PERIOD, ROUTING_TALLY.ASSIGNED);
    for (var e : sorted.entrySet()) {
      insert = insert.values(e.getKey().user(), e.getKey().period(), e.getValue());
    }
    insert.onConflict(ROUTING_TALLY.USER_ID, ROUTING_TALLY.PERIOD).doUpdate()
        .set(ROUTING_TALLY.ASSIGNED, ROUTING_TALLY.ASSIGNED.plus(DSL.excluded(ROUTING_TALLY.ASSIGNED))).execute();
  }

  /** The counters of these users for one period each (their today's, say). */
  public Map<UUID, Integer> tallies(Map<UUID, String> periods) {
    Map<UUID, Integer> out = new HashMap<>();
    if (!periods.isEmpty()) {
      Condition any = DSL.or(periods.entrySet().stream().map(e -> ROUTING_TALLY.USER_ID.eq(e.getKey())
          .and(ROUTING_TALLY.PERIOD.eq(e.getValue()))).toList());
      db.selectFrom(ROUTING_TALLY).where(any).forEach(r -> out.put(r.getUserId(), r.getAssigned()));
    }
    return out;
  }

  /** Open leads (not converted, not dead, not deleted) per owner among {@code users}. */
  public Map<UUID, Integer> openLoads(Collection<UUID> users) {
    Map<UUID, Integer> out = new HashMap<>();
    if (!users.isEmpty()) {
      db.select(LEAD.OWNER_ID, DSL.count()).from(LEAD)
          .where(LEAD.OWNER_ID.in(users).and(LEAD.STATUS.in(OPEN)).and(LEAD.DELETED_AT.isNull()))
          .groupBy(LEAD.OWNER_ID).forEach(r -> out.put(r.value1(), r.value2()));
    }
    return out;
  }

  /**
   * Converted and decided (converted or dead) leads per owner among {@code users} that are like
   * the one being routed: same industry, company size band and amount band (null matches null).
   */
  public Map<UUID, long[]> record(Collection<UUID> users, @Nullable String industry, @Nullable Integer sizeFrom,
      @Nullable Integer sizeTo, @Nullable BigDecimal amountFrom, @Nullable BigDecimal amountTo) {
    Map<UUID, long[]> out = new HashMap<>();
    if (users.isEmpty()) {
      return out;
    }
    Condition like = industry == null ? LEAD.INDUSTRY.isNull() : LEAD.INDUSTRY.eq(industry);
    like = like.and(sizeFrom == null ? LEAD.COMPANY_SIZE.isNull()
        : LEAD.COMPANY_SIZE.ge(sizeFrom).and(sizeTo == null ? DSL.trueCondition() : LEAD.COMPANY_SIZE.lt(sizeTo)));
    like = like.and(amountFrom == null ? LEAD.OPPORTUNITY_AMOUNT.isNull()
        : LEAD.OPPORTUNITY_AMOUNT.ge(amountFrom).and(LEAD.OPPORTUNITY_AMOUNT.lt(amountTo)));
    var converted = DSL.count().filterWhere(LEAD.STATUS.eq(LeadStatus.CONVERTED.name()));
    db.select(LEAD.OWNER_ID, converted, DSL.count()).from(LEAD)
        .where(LEAD.OWNER_ID.in(users)).and(LEAD.STATUS.in(LeadStatus.CONVERTED.name(), LeadStatus.DEAD.name()))
        .and(LEAD.DELETED_AT.isNull()).and(like)
        .groupBy(LEAD.OWNER_ID).forEach(r -> out.put(r.value1(), new long[] {r.value2(), r.value3()}));
    return out;
  }

  public void saveAssignments(List<RoutingAssignmentRecord> rows) {
    BulkInsert.insert(db, ROUTING_ASSIGNMENT, List.of(ROUTING_ASSIGNMENT.LEAD_ID, ROUTING_ASSIGNMENT.AT,
        ROUTING_ASSIGNMENT.CAUSE, ROUTING_ASSIGNMENT.OUTCOME, ROUTING_ASSIGNMENT.RULE_ID, ROUTING_ASSIGNMENT.RULE_NAME,
        ROUTING_ASSIGNMENT.STRATEGY, ROUTING_ASSIGNMENT.OWNER_ID, ROUTING_ASSIGNMENT.TEAM_ID,
        ROUTING_ASSIGNMENT.ACTOR_NAME, ROUTING_ASSIGNMENT.EXPLANATION), rows);
  }

  public RoutingAssignmentRecord newAssignment() {
    return db.newRecord(ROUTING_ASSIGNMENT);
  }

  /** A lead's assignments, newest first. */
  public List<RoutingAssignmentRecord> assignments(LeadId lead, int limit) {
    return db.selectFrom(ROUTING_ASSIGNMENT).where(ROUTING_ASSIGNMENT.LEAD_ID.eq(lead.value()))
        .orderBy(ROUTING_ASSIGNMENT.ID.desc()).limit(limit).fetch();
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (java.time.DateTimeException e) {
      return ZoneId.of("UTC");
    }
  }
}
