package org.sarnakh.tracking;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Events were recorded for these leads (published after commit): what scoring listens to. */
public record EventsRecorded(Set<UUID> leads, Instant at) {

  public EventsRecorded {
    leads = Set.copyOf(leads);
  }
}
