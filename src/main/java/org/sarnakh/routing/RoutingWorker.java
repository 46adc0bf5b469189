package org.sarnakh.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.sarnakh.lead.Actor;
import org.sarnakh.routing.internal.RoutingEngine;
import org.sarnakh.routing.internal.RoutingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Routes the queued leads: each round claims a batch (rows other nodes skip), routes it and takes
 * it off the queue in one transaction, so a crash leaves the batch queued and nothing routed twice.
 * A batch that fails is retried lead by lead; a lead that fails alone waits a minute.
 */
@Component
public class RoutingWorker {

  static final Actor ROUTER = new Actor(null, "Sarnakh routing", Actor.Channel.ROUTING);
  private static final Logger log = LoggerFactory.getLogger(RoutingWorker.class);

  private final RoutingStore store;
  private final RoutingEngine engine;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final int batch;

  RoutingWorker(RoutingStore store, RoutingEngine engine, TransactionTemplate tx, Clock clock,
      @Value("${sarnakh.routing.batch:200}") int batch) {
    this.store = store;
    this.engine = engine;
    this.tx = tx;
    this.clock = clock;
    this.batch = batch;
  }

  @Scheduled(fixedDelayString = "${sarnakh.routing.poll:500ms}")
  void poll() {
    while (drainOnce() > 0) {
      // Keep going while there is work.
    }
  }

  /**
   * One round: decides a batch of queued leads (under the rules' locks, held only for that short
   * transaction), then hands decided leads over in a second one, off the locks, so routers over
   * the same rules overlap their slow part. Answers how many rows it took on.
   */
  public int drainOnce() {
    int decided;
    try {
      Integer n = tx.execute(s -> decide(store.claim(clock.instant(), batch)));
      decided = n == null ? 0 : n;
    } catch (RuntimeException e) {
      log.warn("routing a batch failed, retrying its leads one by one: {}", e.toString());
      decided = oneByOne();
    }
    return decided + handOver();
  }

  private int decide(List<RoutingStore.Queued> claimed) {
    var decisions = engine.decide(claimed.stream()
        .map(q -> RoutingEngine.Request.of(q.lead(), q.cause(), q.excluded())).toList(), ROUTER);
    java.util.Map<java.util.UUID, RoutingEngine.Decision> byLead = new java.util.HashMap<>();
    decisions.forEach(d -> byLead.put(d.request().lead().value(), d));
    List<Long> done = new java.util.ArrayList<>();
    java.util.Map<Long, RoutingStore.Decided> pending = new java.util.HashMap<>();
    for (RoutingStore.Queued q : claimed) {
      RoutingEngine.Decision d = byLead.get(q.lead().value());
      if (d == null || !d.handover()) {
        done.add(q.id());
      } else {
        pending.put(q.id(), new RoutingStore.Decided(q.id(), q.lead(), d.assignment().ownerId(), d.assignment().teamId()));
      }
    }
    store.dequeue(done);
    store.markDecided(claimed, pending, clock.instant());
    return claimed.size();
  }

  private int handOver() {
    try {
      Integer n = tx.execute(s -> {
        List<RoutingStore.Decided> decided = store.claimDecided(clock.instant(), batch);
        engine.handOver(decided, ROUTER);
        store.dequeue(decided.stream().map(RoutingStore.Decided::id).toList());
        return decided.size();
      });
      return n == null ? 0 : n;
    } catch (RuntimeException e) {
      // A lead changed while it was handed over: the decided rows stay and the next round retries them.
      log.info("handing over routed leads failed, retried next round: {}", e.toString());
      return 0;
    }
  }

  private int oneByOne() {
    int done = 0;
    for (int i = 0; i < batch; i++) {
      try {
        Integer n = tx.execute(s -> {
          List<RoutingStore.Queued> claimed = store.claim(clock.instant(), 1);
          if (claimed.isEmpty()) {
            return 0;
          }
          try {
            decide(claimed);
          } catch (RuntimeException e) {
            s.setRollbackOnly();
            throw new Failed(claimed.get(0), e);
          }
          return 1;
        });
        if (n == null || n == 0) {
          return done;
        }
        done += n;
      } catch (Failed f) {
        log.warn("routing lead {} failed; it waits a minute: {}", f.queued.lead().value(), f.getCause().toString());
        Instant later = clock.instant().plus(Duration.ofMinutes(1));
        tx.executeWithoutResult(s -> store.postpone(List.of(f.queued.id()), later));
      }
    }
    return done;
  }

  private static final class Failed extends RuntimeException {
    final RoutingStore.Queued queued;

    Failed(RoutingStore.Queued queued, RuntimeException cause) {
      super(cause);
      this.queued = queued;
    }
  }
}
