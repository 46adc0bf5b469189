package org.sarnakh.tracking.web;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sarnakh.tracking.EventIngest;
import org.sarnakh.tracking.TrackedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Group commit for the public pixel and click hits: each request hands its event to one writer
 * thread and waits until the transaction that stored it has committed, so nothing is acknowledged
 * that is not durable; the writer stores whatever waits in one transaction (up to a batch), so a
 * thousand opens a second cost a few transactions, not a thousand. Only when the writer falls far
 * behind does a request store its own event directly.
 */
@Component
class GroupedIngest {

  static final int BATCH = 1000;
  static final int WAITING = 20_000;
  static final Duration WAIT = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(GroupedIngest.class);

  private record Pending(Map<String, Object> event, TrackedEvent.Channel channel, CompletableFuture<Void> stored) {}

  private final EventIngest ingest;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(WAITING);
  private final Thread writer;
  private volatile boolean running = true;

  GroupedIngest(EventIngest ingest) {
    this.ingest = ingest;
    this.writer = new Thread(this::write, "tracking-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Stores one event together with whatever else waits; returns once it is committed (or refused). */
  void store(Map<String, Object> event, TrackedEvent.Channel channel) {
    Pending p = new Pending(event, channel, new CompletableFuture<>());
    if (!running || !writer.isAlive() || !queue.offer(p)) {
      ingest.ingest(List.of(event), channel);
      return;
    }
    try {
      p.stored().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the event was stored", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the tracking writer did not store the event", e);
    }
  }

  private void write() {
    List<Pending> batch = new ArrayList<>(BATCH);
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        flush(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Throwable e) {
        // The writer must outlive any one batch: requests whose batch failed were told so.
        log.error("the tracking writer failed on a batch", e);
        batch.forEach(p -> p.stored().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void flush(List<Pending> batch) {
    Map<TrackedEvent.Channel, List<Pending>> byChannel = new LinkedHashMap<>();
    for (Pending p : batch) {
      byChannel.computeIfAbsent(p.channel(), c -> new ArrayList<>()).add(p);
    }
    byChannel.forEach((channel, pending) -> {
      try {
        ingest.ingest(pending.stream().map(Pending::event).toList(), channel);
        pending.forEach(p -> p.stored().complete(null));
      } catch (RuntimeException e) {
        // One bad hit must not cost the others theirs: store them one by one.
        log.warn("storing {} tracking hits together failed, storing them one by one: {}", pending.size(), e.toString());
        for (Pending p : pending) {
          try {
            ingest.ingest(List.of(p.event()), channel);
            p.stored().complete(null);
          } catch (RuntimeException single) {
            p.stored().completeExceptionally(single);
          }
        }
      }
    });
  }

  @PreDestroy
  void stop() throws InterruptedException {
    running = false;
    writer.join(WAIT.toMillis());
    // A request that queued its hit as the writer stopped: store what is left here.
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    if (!left.isEmpty()) {
      flush(left);
    }
  }
}
