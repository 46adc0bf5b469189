package org.sarnakh.platform.jobs;

import static org.sarnakh.platform.db.Tables.JOB;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.NotFound;
import org.springframework.stereotype.Service;

/** Durable background jobs: a row per job, written in the caller's transaction, run by {@link JobWorker}. */
@Service
public class Jobs {

  public static final String QUEUED = "QUEUED";
  public static final String RUNNING = "RUNNING";
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";
  public static final String CANCELLED = "CANCELLED";

  private final DSLContext db;
  private final Clock clock;

  Jobs(DSLContext db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public UUID submit(String kind, String payload, @Nullable UUID createdBy) {
    return submit(UUID.randomUUID(), kind, payload, createdBy);
  }

  /** Queues a job under an id the caller chose, so that a record it describes (an import) can share it. */
  public UUID submit(UUID id, String kind, String payload, @Nullable UUID createdBy) {
    db.insertInto(JOB).set(JOB.ID, id).set(JOB.KIND, kind).set(JOB.STATUS, QUEUED).set(JOB.PAYLOAD, payload)
        .set(JOB.CREATED_BY, createdBy).set(JOB.CREATED_AT, ApiTime.truncate(clock.instant())).execute();
    return id;
  }

  public Optional<JobView> find(UUID id) {
    return db.selectFrom(JOB).where(JOB.ID.eq(id)).fetchOptional()
        .map(r -> new JobView(r.getId(), r.getKind(), r.getStatus(), r.getTotal(), r.getProcessed(), r.getFailed(),
            r.getResult(), r.getError(), r.getCreatedBy(), r.getCreatedAt(), r.getStartedAt(), r.getFinishedAt()));
  }

  /** Asks a queued or running job to stop; a running handler sees it at its next progress report. */
  public void cancel(UUID id) {
    int n = db.update(JOB).set(JOB.STATUS, CANCELLED).set(JOB.FINISHED_AT, ApiTime.truncate(clock.instant()))
        .where(JOB.ID.eq(id).and(JOB.STATUS.in(QUEUED, RUNNING))).execute();
    if (n == 0 && find(id).isEmpty()) {
      throw new NotFound("job");
    }
  }
}
