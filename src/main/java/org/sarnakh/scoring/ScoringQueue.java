package org.sarnakh.scoring;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.sarnakh.lead.LeadChanged;
import org.sarnakh.platform.PendingIds;
import org.sarnakh.tracking.EventsRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Live scoring: leads whose events or fields changed wait here (each once, however many changes
 * came) and are rescored in batches a fraction of a second later, off the request that changed
 * them. What a crash loses here the event-feed sweep ({@link ScoringSweep}) catches up.
 */
@Component
class ScoringQueue {

  static final int BATCH = 500;
  private static final Logger log = LoggerFactory.getLogger(ScoringQueue.class);

  private final LeadScoring scoring;
  private final PendingIds waiting = new PendingIds();

  ScoringQueue(LeadScoring scoring) {
    this.scoring = scoring;
  }

  @EventListener
  void eventsRecorded(EventsRecorded recorded) {
    offer(recorded.leads());
  }

  @TransactionalEventListener
  void leadChanged(LeadChanged changed) {
    offer(Set.of(changed.lead().value()));
  }

  void offer(Set<UUID> leads) {
    waiting.offer(leads);
  }

  @Scheduled(fixedDelayString = "${sarnakh.scoring.poll:200ms}")
  void drain() {
    List<UUID> batch;
    while (!(batch = waiting.take(BATCH)).isEmpty()) {
      try {
        scoring.rescore(batch);
      } catch (RuntimeException e) {
        // Put them back for the next round; the sweep also has them.
        log.warn("rescoring {} leads failed; they are retried: {}", batch.size(), e.toString());
        offer(Set.copyOf(batch));
        return;
      }
    }
  }

  int size() {
    return waiting.size();
  }
}
