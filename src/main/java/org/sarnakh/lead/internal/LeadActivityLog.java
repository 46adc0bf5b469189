package org.sarnakh.lead.internal;

import static org.sarnakh.platform.db.Tables.LEAD_ACTIVITY;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.Activity;
import org.sarnakh.lead.LeadId;
import org.sarnakh.platform.db.tables.records.LeadActivityRecord;
import org.springframework.stereotype.Repository;

@Repository
public class LeadActivityLog {

  private final DSLContext db;

  LeadActivityLog(DSLContext db) {
    this.db = db;
  }

  public void insert(Activity a) {
    db.insertInto(LEAD_ACTIVITY)
        .set(LEAD_ACTIVITY.ID, a.id()).set(LEAD_ACTIVITY.LEAD_ID, a.leadId().value())
        .set(LEAD_ACTIVITY.KIND, a.kind().name()).set(LEAD_ACTIVITY.SUBJECT, a.subject())
        .set(LEAD_ACTIVITY.BODY, a.body()).set(LEAD_ACTIVITY.STATE, a.state().name())
        .set(LEAD_ACTIVITY.DUE_AT, a.dueAt()).set(LEAD_ACTIVITY.DONE_AT, a.doneAt())
        .set(LEAD_ACTIVITY.CREATED_AT, a.createdAt()).set(LEAD_ACTIVITY.CREATED_BY, a.createdBy())
        .set(LEAD_ACTIVITY.ACTOR_NAME, a.actorName())
        .execute();
  }

  public void updateState(UUID id, Activity.State state, @Nullable Instant doneAt) {
    db.update(LEAD_ACTIVITY).set(LEAD_ACTIVITY.STATE, state.name()).set(LEAD_ACTIVITY.DONE_AT, doneAt)
        .where(LEAD_ACTIVITY.ID.eq(id)).execute();
  }

  public Optional<Activity> find(LeadId lead, UUID id) {
    return db.selectFrom(LEAD_ACTIVITY).where(LEAD_ACTIVITY.ID.eq(id).and(LEAD_ACTIVITY.LEAD_ID.eq(lead.value())))
        .fetchOptional(LeadActivityLog::toActivity);
  }

  /** Planned ones by due time (soonest first), then the past ones newest first. */
  public List<Activity> of(LeadId lead, int limit) {
    return db.selectFrom(LEAD_ACTIVITY).where(LEAD_ACTIVITY.LEAD_ID.eq(lead.value()))
        .orderBy(org.jooq.impl.DSL.when(LEAD_ACTIVITY.STATE.eq("PLANNED"), 0).otherwise(1),
            org.jooq.impl.DSL.when(LEAD_ACTIVITY.STATE.eq("PLANNED"), LEAD_ACTIVITY.DUE_AT).otherwise((Instant) null).asc(),
            org.jooq.impl.DSL.coalesce(LEAD_ACTIVITY.DONE_AT, LEAD_ACTIVITY.CREATED_AT).desc())
        .limit(limit)
        .fetch(LeadActivityLog::toActivity);
  }

  static Activity toActivity(LeadActivityRecord r) {
    return new Activity(r.getId(), new LeadId(r.getLeadId()), Activity.Kind.valueOf(r.getKind()), r.getSubject(),
        r.getBody(), Activity.State.valueOf(r.getState()), r.getDueAt(), r.getDoneAt(), r.getCreatedAt(),
        r.getCreatedBy(), r.getActorName());
  }
}
