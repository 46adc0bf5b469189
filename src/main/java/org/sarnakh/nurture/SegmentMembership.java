package org.sarnakh.nurture;

import static org.sarnakh.platform.db.Tables.SEGMENT_WATERMARK;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.sarnakh.lead.LeadChanged;
import org.sarnakh.platform.PendingIds;
import org.sarnakh.lead.LeadSets;
import org.sarnakh.lead.LeadsScored;
import org.sarnakh.tracking.EventsRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps dynamic segments current as leads change, instead of rebuilding them at night. Leads whose
 * fields, score or events changed wait here (each once) and are reconciled against every dynamic
 * segment in batches a fraction of a second later. Two passes catch what no notice announced: the
 * feed of changed leads by {@code updated_at} (bulk imports, changes made on other nodes, notices
 * lost in a crash), and members whose events fell out of their window as time passed.
 */
@Component
class SegmentMembership {

  static final int BATCH = 500;
  static final String FEED = "lead-updates";
  static final java.time.Duration SETTLE = java.time.Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(SegmentMembership.class);

  private final DSLContext db;
  private final Clock clock;
  private final SegmentCache cache;
  private final SegmentEvaluation evaluation;
  private final TransactionTemplate tx;
  private final PendingIds waiting = new PendingIds();
  private final Object draining = new Object();

  SegmentMembership(DSLContext db, Clock clock, SegmentCache cache, SegmentEvaluation evaluation, TransactionTemplate tx) {
    this.db = db;
    this.clock = clock;
    this.cache = cache;
    this.evaluation = evaluation;
    this.tx = tx;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void leadChanged(LeadChanged changed) {
    offer(Set.of(changed.lead().value()));
  }

  @TransactionalEventListener(fallbackExecution = true)
  void leadsScored(LeadsScored scored) {
    offer(scored.leads());
  }

  @EventListener
  void eventsRecorded(EventsRecorded recorded) {
    offer(recorded.leads());
  }

  void offer(Set<UUID> leads) {
    waiting.offer(leads);
  }

  /** Reconciles what waits; one drain at a time, so a caller returning from it knows every earlier notice is done. */
  @Scheduled(fixedDelayString = "${sarnakh.segments.poll:200ms}")
  void drain() {
    synchronized (draining) {
      List<UUID> batch;
      while (!(batch = waiting.take(BATCH)).isEmpty()) {
        try {
          reconcile(batch);
        } catch (RuntimeException e) {
          log.warn("segment membership of {} leads failed; they are retried: {}", batch.size(), e.toString());
          offer(Set.copyOf(batch));
          return;
        }
      }
    }
  }

  /** These leads against every dynamic segment, one transaction per segment. */
  void reconcile(List<UUID> leads) {
    Instant now = clock.instant();
    for (SegmentCache.Dynamic s : cache.dynamic()) {
      tx.executeWithoutResult(t -> evaluation.reconcile(s.id(), s.definition(), leads, now));
    }
  }

  /** Follows the leads' {@code updated_at} from where the last pass stopped. */
  @Scheduled(fixedDelayString = "${sarnakh.segments.catch-up:30s}", initialDelayString = "${sarnakh.segments.catch-up:30s}")
  void catchUp() {
    if (cache.dynamic().isEmpty()) {
      return;
    }
    Record2<Instant, UUID> mark = db.select(SEGMENT_WATERMARK.UPDATED_AT, SEGMENT_WATERMARK.LEAD_ID)
        .from(SEGMENT_WATERMARK).where(SEGMENT_WATERMARK.NAME.eq(FEED)).fetchOne();
    if (mark == null) {
      // First pass: full evaluations covered everything before now.
      Instant now = clock.instant();
      db.insertInto(SEGMENT_WATERMARK).set(SEGMENT_WATERMARK.NAME, FEED).set(SEGMENT_WATERMARK.UPDATED_AT, now)
          .set(SEGMENT_WATERMARK.LEAD_ID, new UUID(0, 0)).onConflictDoNothing().execute();
      return;
    }
    Instant at = mark.value1();
    UUID id = mark.value2();
    // Changes younger than this may still belong to transactions that have not committed yet.
    Instant settled = clock.instant().minus(SETTLE);
    while (true) {
      List<Record2<Instant, UUID>> page = db.select(LeadSets.updatedAt(), LeadSets.id()).from(LeadSets.table(org.sarnakh.lead.LeadQuery.Filters.none()))
          .where(DSL.row(LeadSets.updatedAt(), LeadSets.id()).gt(at, id)).and(LeadSets.updatedAt().lt(settled))
          .orderBy(LeadSets.updatedAt(), LeadSets.id()).limit(BATCH).fetch();
      if (page.isEmpty()) {
        return;
      }
      reconcile(page.stream().map(Record2::value2).toList());
      Record2<Instant, UUID> last = page.get(page.size() - 1);
      at = last.value1();
      id = last.value2();
      db.update(SEGMENT_WATERMARK).set(SEGMENT_WATERMARK.UPDATED_AT, at).set(SEGMENT_WATERMARK.LEAD_ID, id)
          .where(SEGMENT_WATERMARK.NAME.eq(FEED)).execute();
      if (page.size() < BATCH) {
        return;
      }
    }
  }

  /** Members whose qualifying events are now too old leave. */
  @Scheduled(fixedDelayString = "${sarnakh.segments.window-sweep:1m}", initialDelayString = "${sarnakh.segments.window-sweep:1m}")
  void sweepWindows() {
    Instant now = clock.instant();
    for (SegmentCache.Dynamic s : cache.dynamic()) {
      if (s.definition().timeDependent()) {
        tx.executeWithoutResult(t -> evaluation.prune(s.id(), s.definition(), now));
      }
    }
  }
}
