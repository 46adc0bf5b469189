package org.sarnakh.platform.jobs;

import static org.sarnakh.platform.db.Tables.JOB;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.db.tables.records.JobRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Claims due jobs and runs them. A claim is a conditional update, so on several nodes each job is
 * taken once; a job whose runner stopped sending heartbeats (a crash) is claimed again and resumes
 * from its checkpoint.
 */
@Component
class JobWorker {

  static final Duration STALE = Duration.ofMinutes(2);
  private static final Logger log = LoggerFactory.getLogger(JobWorker.class);
  private final DSLContext db;
  private final Clock clock;
  private final Map<String, JobHandler> handlers;

  JobWorker(DSLContext db, Clock clock, List<JobHandler> handlers) {
    this.db = db;
    this.clock = clock;
    this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
  }

  @Scheduled(fixedDelayString = "${sarnakh.jobs.poll:500ms}")
  void poll() {
    JobRecord job;
    while ((job = claim()) != null) {
      run(job);
    }
  }

  @Nullable JobRecord claim() {
    Instant now = clock.instant();
    List<JobRecord> candidates = db.selectFrom(JOB)
        .where(JOB.STATUS.eq(Jobs.QUEUED)
            .or(JOB.STATUS.eq(Jobs.RUNNING).and(JOB.HEARTBEAT_AT.lt(now.minus(STALE)))))
        .orderBy(JOB.CREATED_AT).limit(5).fetch();
    for (JobRecord c : candidates) {
      int n = db.update(JOB).set(JOB.STATUS, Jobs.RUNNING).set(JOB.CLAIM, org.sarnakh.platform.Secrets.random(15))
          .set(JOB.STARTED_AT, c.getStartedAt() == null ? ApiTime.truncate(now) : c.getStartedAt())
          .set(JOB.HEARTBEAT_AT, ApiTime.truncate(now))
          .where(JOB.ID.eq(c.getId()).and(JOB.STATUS.eq(c.getStatus()))
              .and(c.getHeartbeatAt() == null ? JOB.HEARTBEAT_AT.isNull() : JOB.HEARTBEAT_AT.eq(c.getHeartbeatAt())))
          .execute();
      if (n == 1) {
        return db.selectFrom(JOB).where(JOB.ID.eq(c.getId())).fetchOne();
      }
    }
    return null;
  }

  void run(JobRecord job) {
    JobHandler handler = handlers.get(job.getKind());
    if (handler == null) {
      finish(job, Jobs.FAILED, "no handler for job kind " + job.getKind());
      return;
    }
    try {
      handler.run(new Run(job));
      finish(job, Jobs.COMPLETED, null);
    } catch (LostClaim e) {
      log.warn("job {} ({}) was taken over by another runner; this one stops", job.getId(), job.getKind());
    } catch (Exception e) {
      log.error("job {} ({}) failed", job.getId(), job.getKind(), e);
      finish(job, Jobs.FAILED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /** Ends the job if this runner still holds it: a runner that lost its claim changes nothing. */
  private void finish(JobRecord job, String status, @Nullable String error) {
    db.update(JOB).set(JOB.STATUS, status).set(JOB.ERROR, error == null ? null : error.substring(0, Math.min(2000, error.length())))
        .set(JOB.FINISHED_AT, ApiTime.truncate(clock.instant()))
        .where(JOB.ID.eq(job.getId()).and(JOB.STATUS.eq(Jobs.RUNNING)).and(JOB.CLAIM.eq(job.getClaim()))).execute();
  }

  /** Thrown into a handler at its next write when another runner has taken the job over. */
  static final class LostClaim extends RuntimeException {
    LostClaim(UUID job) {
      super("job " + job + " is now run elsewhere");
    }
  }

  private final class Run implements JobRun {
    private final JobRecord job;

    Run(JobRecord job) {
      this.job = job;
    }

    @Override
    public UUID id() {
      return job.getId();
    }

    @Override
    public String payload() {
      return job.getPayload();
    }

    @Override
    public @Nullable UUID createdBy() {
      return job.getCreatedBy();
    }

    @Override
    public @Nullable String checkpoint() {
      return job.getCheckpoint();
    }

    @Override
    public void total(long total) {
      held(db.update(JOB).set(JOB.TOTAL, total).where(mine()).execute());
    }

    @Override
    public void progress(long processedDelta, long failedDelta, @Nullable String checkpoint) {
      held(db.update(JOB).set(JOB.PROCESSED, JOB.PROCESSED.plus(processedDelta)).set(JOB.FAILED, JOB.FAILED.plus(failedDelta))
          .set(JOB.CHECKPOINT, checkpoint).set(JOB.HEARTBEAT_AT, ApiTime.truncate(clock.instant()))
          .where(mine()).execute());
    }

    @Override
    public void result(String json) {
      held(db.update(JOB).set(JOB.RESULT, json).where(mine()).execute());
    }

    private org.jooq.Condition mine() {
      return JOB.ID.eq(job.getId()).and(JOB.CLAIM.eq(job.getClaim()));
    }

    /** A write that found no row of ours: cancelled (the handler sees it next) or taken over (stop now). */
    private void held(int updated) {
      if (updated == 0 && !cancelled()) {
        throw new LostClaim(job.getId());
      }
    }

    @Override
    public boolean cancelled() {
      return Jobs.CANCELLED.equals(db.select(JOB.STATUS).from(JOB).where(JOB.ID.eq(job.getId())).fetchOne(JOB.STATUS));
    }
  }
}
