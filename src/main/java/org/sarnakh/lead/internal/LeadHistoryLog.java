package org.sarnakh.lead.internal;

import static org.sarnakh.platform.db.Tables.LEAD_HISTORY;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.HistoryEntry;
import org.sarnakh.lead.LeadId;
import org.sarnakh.platform.BulkInsert;
import org.springframework.stereotype.Repository;

/** The field-level change log: written in the same transaction as the change it describes. */
@Repository
public class LeadHistoryLog {

  private final DSLContext db;

  LeadHistoryLog(DSLContext db) {
    this.db = db;
  }

  /** The last time each lead's status became the one given for it; leads without such a change are left out. */
  public Map<UUID, Instant> statusSince(Map<UUID, String> statuses) {
    Map<UUID, Instant> out = new java.util.HashMap<>();
    if (statuses.isEmpty()) {
      return out;
    }
    db.select(LEAD_HISTORY.LEAD_ID, LEAD_HISTORY.NEW_VALUE, org.jooq.impl.DSL.max(LEAD_HISTORY.AT)).from(LEAD_HISTORY)
        .where(LEAD_HISTORY.LEAD_ID.in(statuses.keySet())).and(LEAD_HISTORY.FIELD.eq("status"))
        .groupBy(LEAD_HISTORY.LEAD_ID, LEAD_HISTORY.NEW_VALUE)
        .forEach(r -> {
          if (r.value2() != null && r.value2().equals(statuses.get(r.value1()))) {
            out.put(r.value1(), r.value3());
          }
        });
    return out;
  }

  /** Records every field whose value differs between the two snapshots; returns how many. */
  public int record(LeadId lead, Instant at, Actor actor, Map<String, String> before, Map<String, String> after) {
    TreeSet<String> fields = new TreeSet<>(before.keySet());
    fields.addAll(after.keySet());
    List<String[]> rows = new ArrayList<>();
    for (String field : fields) {
      String old = before.get(field);
      String now = after.get(field);
      if (!Objects.equals(old, now)) {
        rows.add(new String[] {field, old, now});
      }
    }
    if (rows.isEmpty()) {
      return 0;
    }
    var base = db.insertInto(LEAD_HISTORY, LEAD_HISTORY.LEAD_ID, LEAD_HISTORY.AT, LEAD_HISTORY.ACTOR_ID,
        LEAD_HISTORY.ACTOR_NAME, LEAD_HISTORY.VIA, LEAD_HISTORY.FIELD, LEAD_HISTORY.OLD_VALUE, LEAD_HISTORY.NEW_VALUE);
    var step = base.values(lead.value(), at, actor.id(), actor.name(), actor.channel().name(), rows.get(0)[0],
        rows.get(0)[1], rows.get(0)[2]);
    for (int i = 1; i < rows.size(); i++) {
      step = step.values(lead.value(), at, actor.id(), actor.name(), actor.channel().name(), rows.get(i)[0],
          rows.get(i)[1], rows.get(i)[2]);
    }
    step.execute();
    return rows.size();
  }

  /** One lead's snapshots before and after a change. */
  public record Change(LeadId lead, Map<String, String> before, Map<String, String> after) {}

  /** Records the changed fields of many leads, all at {@code at} by {@code actor}, as one bulk insert. */
  public void recordAll(List<Change> changes, Instant at, Actor actor) {
    var rows = new ArrayList<org.sarnakh.platform.db.tables.records.LeadHistoryRecord>();
    for (Change c : changes) {
      TreeSet<String> fields = new TreeSet<>(c.before().keySet());
      fields.addAll(c.after().keySet());
      for (String field : fields) {
        String old = c.before().get(field);
        String now = c.after().get(field);
        if (!Objects.equals(old, now)) {
          rows.add(db.newRecord(LEAD_HISTORY).setLeadId(c.lead().value()).setAt(at).setActorId(actor.id())
              .setActorName(actor.name()).setVia(actor.channel().name()).setField(field).setOldValue(old)
              .setNewValue(now));
        }
      }
    }
    BulkInsert.insert(db, LEAD_HISTORY, List.of(LEAD_HISTORY.LEAD_ID, LEAD_HISTORY.AT, LEAD_HISTORY.ACTOR_ID,
        LEAD_HISTORY.ACTOR_NAME, LEAD_HISTORY.VIA, LEAD_HISTORY.FIELD, LEAD_HISTORY.OLD_VALUE,
        LEAD_HISTORY.NEW_VALUE), rows);
  }

  public record Created(LeadId lead, Instant at) {}

  /** The "created" entry of many leads at once, as one JDBC batch. */
  public void recordCreated(List<Created> leads, Actor actor) {
    var rows = new ArrayList<org.sarnakh.platform.db.tables.records.LeadHistoryRecord>(leads.size());
    for (Created c : leads) {
      rows.add(db.newRecord(LEAD_HISTORY).setLeadId(c.lead().value()).setAt(c.at()).setActorId(actor.id())
          .setActorName(actor.name()).setVia(actor.channel().name()).setField("created")
          .setNewValue(actor.channel().name()));
    }
    BulkInsert.insert(db, LEAD_HISTORY, List.of(LEAD_HISTORY.LEAD_ID, LEAD_HISTORY.AT, LEAD_HISTORY.ACTOR_ID,
        LEAD_HISTORY.ACTOR_NAME, LEAD_HISTORY.VIA, LEAD_HISTORY.FIELD, LEAD_HISTORY.NEW_VALUE), rows);
  }

  /** Newest first; {@code beforeId} continues a previous page. */
  public List<HistoryEntry> of(LeadId lead, int limit, @Nullable Long beforeId, @Nullable List<String> fields) {
    var where = LEAD_HISTORY.LEAD_ID.eq(lead.value());
    if (beforeId != null) {
      where = where.and(LEAD_HISTORY.ID.lt(beforeId));
    }
    if (fields != null) {
      where = where.and(LEAD_HISTORY.FIELD.in(fields));
    }
    return db.selectFrom(LEAD_HISTORY).where(where).orderBy(LEAD_HISTORY.ID.desc()).limit(limit)
        .fetch(r -> new HistoryEntry(r.getId(), r.getAt(), r.getActorId(), r.getActorName(), r.getVia(), r.getField(),
            r.getOldValue(), r.getNewValue()));
  }
}
