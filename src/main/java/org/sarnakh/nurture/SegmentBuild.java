package org.sarnakh.nurture;

import static org.sarnakh.platform.db.Tables.SEGMENT;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.platform.jobs.JobHandler;
import org.sarnakh.platform.jobs.JobRun;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The full evaluation of a new or redefined dynamic segment: a durable job that walks every lead in
 * id order, a chunk per transaction, and resumes from its checkpoint after a crash. Live changes
 * keep flowing meanwhile (both are idempotent). A job whose segment was redefined again, or
 * deleted, stops: the newer job does the work.
 */
@Component
class SegmentBuild implements JobHandler {

  static final String KIND = "segment-build";

  private final DSLContext db;
  private final Clock clock;
  private final LeadQueries leads;
  private final SegmentEvaluation evaluation;
  private final TransactionTemplate tx;
  private final int chunk;

  SegmentBuild(DSLContext db, Clock clock, LeadQueries leads, SegmentEvaluation evaluation, TransactionTemplate tx,
      @Value("${sarnakh.segments.build-chunk:250000}") int chunk) {
    this.db = db;
    this.clock = clock;
    this.leads = leads;
    this.evaluation = evaluation;
    this.tx = tx;
    this.chunk = chunk;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public void run(JobRun run) {
    UUID segment = UUID.fromString(run.payload());
    UUID after = run.checkpoint() == null ? null : UUID.fromString(run.checkpoint());
    long total = leads.countLive();
    if (after == null) {
      run.total(total);
    }
    long done = 0; // in this run; a resumed run's last report may be off by what the crashed one did
    while (!run.cancelled()) {
      SegmentDefinition definition = current(segment, run.id());
      if (definition == null) {
        return;
      }
      UUID from = after;
      // The last chunk is open-ended, so members whose lead is gone beyond the last id leave too.
      UUID upTo = leads.nthIdAfter(after, chunk);
      Instant now = clock.instant();
      tx.executeWithoutResult(s -> evaluation.reconcileRange(segment, definition, from, upTo, now));
      if (upTo == null) {
        tx.executeWithoutResult(s -> evaluation.settle(segment, clock.instant()));
        run.progress(Math.max(0, total - done), 0, null);
        return;
      }
      after = upTo;
      // Chunks count deleted leads too; the total does not: progress never passes the total.
      long step = Math.min(chunk, Math.max(0, total - done));
      done += step;
      run.progress(step, 0, after.toString());
    }
  }

  /** The segment's definition while this job is still the one building it; null when it is not. */
  private @Nullable SegmentDefinition current(UUID segment, UUID job) {
    return db.select(SEGMENT.DEFINITION).from(SEGMENT).where(SEGMENT.ID.eq(segment)).and(SEGMENT.JOB_ID.eq(job))
        .fetchOptional(r -> SegmentDefinition.fromJson(r.value1())).orElse(null);
  }
}
