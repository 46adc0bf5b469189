package org.sarnakh.scoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sarnakh.scoring.internal.ScoreLedger;
import org.sarnakh.tracking.EventHistory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable side of live scoring: reads the event table's feed from where it last got to (a row
 * in the database, locked so one node sweeps at a time) and rescores the leads that received events
 * after they were last scored — what a crash or a restart made the live queue forget.
 */
@Component
class ScoringSweep {

  /** Events younger than this are left to the live queue, and to transactions still committing. */
  static final Duration LAG = Duration.ofSeconds(30);
  static final int FEED_PAGE = 10_000;

  private final EventHistory events;
  private final ScoreLedger ledger;
  private final LeadScoring scoring;
  private final TransactionTemplate tx;
  private final Clock clock;

  ScoringSweep(EventHistory events, ScoreLedger ledger, LeadScoring scoring, TransactionTemplate tx, Clock clock) {
    this.events = events;
    this.ledger = ledger;
    this.scoring = scoring;
    this.tx = tx;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${sarnakh.scoring.sweep:15s}", initialDelayString = "${sarnakh.scoring.sweep:15s}")
  void sweep() {
    boolean more = true;
    while (more) {
      Boolean read = tx.execute(s -> page());
      more = Boolean.TRUE.equals(read);
    }
  }

  /** One page of the feed; true when a full page was read (there may be more). */
  boolean page() {
    long cursor = ledger.lockCursor();
    EventHistory.Feed feed = events.after(cursor, clock.instant().minus(LAG), FEED_PAGE);
    if (feed.lastId() == cursor) {
      return false;
    }
    Map<UUID, Instant> scored = ledger.computedAt(feed.leads().keySet());
    List<UUID> stale = new ArrayList<>();
    feed.leads().forEach((lead, arrived) -> {
      Instant at = scored.get(lead);
      if (at == null || at.isBefore(arrived)) {
        stale.add(lead);
      }
    });
    for (int i = 0; i < stale.size(); i += ScoringQueue.BATCH) {
      scoring.rescore(stale.subList(i, Math.min(stale.size(), i + ScoringQueue.BATCH)));
    }
    ledger.moveCursor(feed.lastId());
    return feed.read() == FEED_PAGE;
  }
}
