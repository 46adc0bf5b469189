package org.sarnakh.platform;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets by key (an address, an account, a form) in a bounded in-memory map: enough for one
 * node; a flood of distinct keys evicts the least recently used. A bucket comes back whole each
 * window, so limits are exact counts per window.
 */
public final class RateBuckets {

  private final Map<String, Bucket> buckets;

  public RateBuckets(int maxKeys) {
    this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > maxKeys;
      }
    };
  }

  /** Takes one token from the key's bucket of {@code capacity} per {@code window}; false when it is empty. */
  public synchronized boolean tryTake(String key, int capacity, Duration window) {
    return bucket(key, capacity, window).tryConsume(1);
  }

  /** The key's bucket, made with this capacity and window the first time it is asked for. */
  public synchronized Bucket bucket(String key, int capacity, Duration window) {
    // The limit is part of the key: a changed limit starts a bucket of the new size.
    return buckets.computeIfAbsent(key + "|" + capacity + "|" + window.toSeconds(), k -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(capacity).refillIntervally(capacity, window).build()).build());
  }
}
