package org.sarnakh.capture;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.sarnakh.lead.LeadId;

/**
 * Ids for imported leads in time order (the layout of UUID version 7: milliseconds first, then a
 * counter, then random bits), so a million new leads append to the primary key and to the indexes
 * that lead with the id instead of landing all over them.
 */
final class ImportIds {

  private final Clock clock;
  private long lastMillis;
  private int counter;

  ImportIds(Clock clock) {
    this.clock = clock;
  }

  synchronized LeadId next() {
    long now = clock.millis();
    if (now > lastMillis) {
      lastMillis = now;
      counter = ThreadLocalRandom.current().nextInt(1 << 10);
    } else if (++counter >= (1 << 12)) {
      // More than 4,096 ids in a millisecond: borrow the next millisecond, staying in order.
      lastMillis++;
      counter = 0;
    }
    long msb = (lastMillis << 16) | 0x7000L | counter;
    long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new LeadId(new UUID(msb, lsb));
  }
}
