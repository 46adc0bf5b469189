package org.sarnakh.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Ids waiting for background work that reacts to changes (live scoring, segment membership): each
 * id waits once however often it is offered, and is taken in batches in the order it first came.
 * In memory only: the work's own catch-up pass covers what a crash loses.
 */
public final class PendingIds {

  private final Set<UUID> waiting = new LinkedHashSet<>();

  public synchronized void offer(Collection<UUID> ids) {
    waiting.addAll(ids);
  }

  /** Up to {@code max} ids, oldest first, no longer waiting. */
  public synchronized List<UUID> take(int max) {
    List<UUID> batch = new ArrayList<>(Math.min(max, waiting.size()));
    var it = waiting.iterator();
    while (it.hasNext() && batch.size() < max) {
      batch.add(it.next());
      it.remove();
    }
    return batch;
  }

  public synchronized int size() {
    return waiting.size();
  }
}
