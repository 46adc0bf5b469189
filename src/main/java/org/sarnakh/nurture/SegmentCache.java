package org.sarnakh.nurture;

import static org.sarnakh.platform.db.Tables.SEGMENT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The dynamic segments' definitions, held in memory for live membership: reloaded when this node
 * changes a segment, and at least every {@link #MAX_AGE} for changes made on other nodes.
 */
@Component
class SegmentCache {

  static final Duration MAX_AGE = Duration.ofSeconds(30);

  record Dynamic(UUID id, SegmentDefinition definition) {}

  private record Loaded(List<Dynamic> segments, Instant at) {}

  private final DSLContext db;
  private final Clock clock;
  private volatile @Nullable Loaded loaded;

  SegmentCache(DSLContext db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  List<Dynamic> dynamic() {
    Loaded l = loaded;
    Instant now = clock.instant();
    if (l == null || l.at().plus(MAX_AGE).isBefore(now) || l.at().isAfter(now)) {
      l = new Loaded(db.select(SEGMENT.ID, SEGMENT.DEFINITION).from(SEGMENT)
          .where(SEGMENT.KIND.eq(SegmentKind.DYNAMIC.name())).orderBy(SEGMENT.ID)
          .fetch(r -> new Dynamic(r.value1(), SegmentDefinition.fromJson(r.value2()))), now);
      loaded = l;
    }
    return l.segments();
  }

  /** Forgets the definitions now and again once the changing transaction commits (a reload in between read the old ones). */
  void changed() {
    loaded = null;
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          loaded = null;
        }
      });
    }
  }
}
