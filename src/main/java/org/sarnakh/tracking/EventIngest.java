package org.sarnakh.tracking;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.sarnakh.lead.Attribution;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadManagement;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidValue;
import org.sarnakh.tracking.internal.TrackedEvents;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a batch of events: each is checked on its own (a bad one is reported by its index and
 * the others are kept), attached to its lead (by id, by email, or through the visitor it was
 * identified as), counted once however often its {@code eventId} is sent, and the leads touched
 * are announced after commit ({@link EventsRecorded}) so scoring can follow at once.
 */
@Service
public class EventIngest {

  public static final int MAX_BATCH = 1000;
  private static final int ATTEMPTS = 3;

  /** An event that was not recorded: its index in the batch and the reason. */
  public record Rejected(int index, String field, String detail) {}

  public record Result(int accepted, int duplicates, List<Rejected> rejected) {}

  private final TrackedEvents events;
  private final LeadQueries leads;
  private final LeadManagement management;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher publisher;
  private final Clock clock;

  EventIngest(TrackedEvents events, LeadQueries leads, LeadManagement management, TransactionTemplate tx,
      ApplicationEventPublisher publisher, Clock clock) {
    this.events = events;
    this.leads = leads;
    this.management = management;
    this.tx = tx;
    this.publisher = publisher;
    this.clock = clock;
  }

  public Result ingest(List<?> batch, TrackedEvent.Channel channel) {
    if (batch.isEmpty() || batch.size() > MAX_BATCH) {
      throw InvalidInput.of("events", "between 1 and " + MAX_BATCH + " events per call");
    }
    Instant now = ApiTime.truncate(clock.instant());
    List<Rejected> rejected = new ArrayList<>();
    Map<Integer, EventInput.Parsed> parsed = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      Object item = batch.get(i);
      if (!(item instanceof Map<?, ?> map)) {
        rejected.add(new Rejected(i, "events[" + i + "]", "each event is an object"));
        continue;
      }
      try {
        @SuppressWarnings("unchecked")
        Map<String, ?> json = (Map<String, ?>) map;
        parsed.put(i, EventInput.parse(json, now, channel));
      } catch (InvalidValue e) {
        rejected.add(new Rejected(i, e.field(), e.getMessage()));
      }
    }
    RuntimeException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        Stored stored = tx.execute(s -> store(parsed, now, rejected));
        if (stored == null) {
          throw new IllegalStateException("the transaction returned nothing");
        }
        if (!stored.leads().isEmpty()) {
          publisher.publishEvent(new EventsRecorded(stored.leads(), now));
        }
        rejected.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return new Result(stored.accepted(), stored.duplicates(), List.copyOf(rejected));
      } catch (DuplicateKeyException raced) {
        // Another call stored one of these ids between our check and our insert: check again.
        last = raced;
        rejected.removeIf(r -> parsed.containsKey(r.index()));
      }
    }
    throw last;
  }

  private record Stored(int accepted, int duplicates, Set<UUID> leads) {}

  private Stored store(Map<Integer, EventInput.Parsed> parsed, Instant now, List<Rejected> rejected) {
    Set<UUID> ids = new HashSet<>();
    Set<String> emails = new HashSet<>();
    Set<String> anonymous = new HashSet<>();
    for (EventInput.Parsed p : parsed.values()) {
      if (p.who().leadId() != null) {
        ids.add(p.who().leadId());
      }
      if (p.who().email() != null) {
        emails.add(p.who().email());
      }
      if (p.who().anonymousId() != null) {
        anonymous.add(p.who().anonymousId());
      }
    }
    Set<UUID> existing = leads.existing(ids);
    Map<String, UUID> byEmail = leads.byEmail(emails);
    Map<String, UUID> visitors = events.visitors(anonymous);

    Map<UUID, Boolean> refusedCache = new java.util.HashMap<>();
    Map<String, TrackedEvent> fresh = new LinkedHashMap<>();
    Map<String, UUID> identified = new LinkedHashMap<>();
    int duplicates = 0;
    for (Map.Entry<Integer, EventInput.Parsed> entry : parsed.entrySet()) {
      EventInput.Who who = entry.getValue().who();
      UUID lead;
      if (who.leadId() != null) {
        if (!existing.contains(who.leadId())) {
          rejected.add(new Rejected(entry.getKey(), "leadId", "unknown lead"));
          continue;
        }
        lead = who.leadId();
      } else if (who.email() != null) {
        lead = byEmail.get(who.email());
        if (lead == null) {
          rejected.add(new Rejected(entry.getKey(), "email", "no lead has this email"));
          continue;
        }
      } else {
        lead = visitors.get(who.anonymousId());
      }
      TrackedEvent event = entry.getValue().draft();
      if (lead != null && event.channel() != TrackedEvent.Channel.API && refused(lead, refusedCache)) {
        // The lead said no to marketing: the snippet, pixel and clicks record nothing about them.
        continue;
      }
      if (fresh.containsKey(event.eventId())) {
        duplicates++;
        continue;
      }
      fresh.put(event.eventId(), lead == null ? event : event.withLead(lead));
      if (who.anonymousId() != null && lead != null && !lead.equals(visitors.get(who.anonymousId()))) {
        identified.putIfAbsent(who.anonymousId(), lead);
      }
    }
    Set<String> stored = events.existingIds(fresh.keySet());
    duplicates += stored.size();
    List<TrackedEvent> insert = fresh.values().stream().filter(e -> !stored.contains(e.eventId())).toList();
    events.insert(insert, now);
    Set<UUID> touched = new LinkedHashSet<>();
    insert.stream().map(TrackedEvent::leadId).filter(l -> l != null).forEach(touched::add);
    attribute(insert.stream().filter(e -> e.leadId() != null && e.utm().source() != null).toList());
    identified.forEach((anonymousId, lead) -> {
      if (events.identify(anonymousId, lead, now, "event") > 0) {
        touched.add(lead);
        attribute(events.withCampaign(lead));
      }
    });
    return new Stored(insert.size(), duplicates, touched);
  }

  private boolean refused(UUID lead, Map<UUID, Boolean> cache) {
    return cache.computeIfAbsent(lead, l -> !leads.refusedMarketing(Set.of(l)).isEmpty());
  }

  /** Each lead's earliest and latest campaign-carrying event among these become its first and last touch. */
  private void attribute(List<TrackedEvent> withCampaign) {
    Map<UUID, TrackedEvent> first = new LinkedHashMap<>();
    Map<UUID, TrackedEvent> last = new LinkedHashMap<>();
    for (TrackedEvent e : withCampaign) {
      first.merge(e.leadId(), e, (a, b) -> a.occurredAt().isAfter(b.occurredAt()) ? b : a);
      last.merge(e.leadId(), e, (a, b) -> a.occurredAt().isBefore(b.occurredAt()) ? b : a);
    }
    first.forEach((lead, e) -> management.recordTouch(new LeadId(lead), touch(e)));
    last.forEach((lead, e) -> {
      if (e != first.get(lead)) {
        management.recordTouch(new LeadId(lead), touch(e));
      }
    });
  }

  private static Attribution.Touch touch(TrackedEvent e) {
    return new Attribution.Touch(e.utm().source(), e.utm().medium(), e.utm().campaign(), e.occurredAt());
  }

  /** Attaches an anonymous visitor's history to the lead they turned out to be (a form submit, an email click). */
  public void identify(String anonymousId, UUID lead, String via) {
    Instant now = ApiTime.truncate(clock.instant());
    Integer attached = tx.execute(s -> events.identify(anonymousId, lead, now, via));
    if (attached != null && attached > 0) {
      publisher.publishEvent(new EventsRecorded(Set.of(lead), now));
    }
  }
}
