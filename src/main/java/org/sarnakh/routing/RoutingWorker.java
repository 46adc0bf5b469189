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

  /** One round: how many queued leads it took off the queue (routed, or dropped as no longer routable). */
  public int drainOnce() {
    try {
      Integer n = tx.execute(s -> {
        List<RoutingStore.Queued> claimed = store.claim(clock.instant(), batch);
        engine.route(claimed.stream().map(q -> RoutingEngine.Request.of(q.lead(), q.cause(), q.excluded())).toList(),
            ROUTER);
        store.dequeue(claimed.stream().map(RoutingStore.Queued::id).toList());
        return claimed.size();
      });
      return n == null ? 0 : n;
    } catch (RuntimeException e) {
      log.warn("routing a batch failed, retrying its leads one by one: {}", e.toString());
      return oneByOne();
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
            engine.route(List.of(RoutingEngine.Request.of(claimed.get(0).lead(), claimed.get(0).cause(),
                claimed.get(0).excluded())), ROUTER);
            store.dequeue(List.of(claimed.get(0).id()));
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
