package org.sarnakh.lead;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A call, meeting, task, note or email on a lead: done (past) or planned (S2.8). */
public record Activity(UUID id, LeadId leadId, Kind kind, String subject, @Nullable String body, State state,
    @Nullable Instant dueAt, @Nullable Instant doneAt, Instant createdAt, @Nullable UUID createdBy, String actorName) {

  public enum Kind { CALL, MEETING, TASK, NOTE, EMAIL }

  public enum State { PLANNED, DONE, CANCELLED }
}
