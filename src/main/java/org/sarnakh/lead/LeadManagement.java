package org.sarnakh.lead;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.LeadMatching.OnDuplicate;
import org.sarnakh.lead.internal.LeadConditions;
import org.sarnakh.lead.internal.LeadHistoryLog;
import org.sarnakh.lead.internal.Leads;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.StaleVersion;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Commands on leads: create, edit, move status, delete and restore; every change is logged. */
@Service
public class LeadManagement {

  /** Fields whose change can make a lead the duplicate of another. */
  static final java.util.Set<LeadField> KEY_FIELDS = java.util.EnumSet.of(LeadField.EMAIL, LeadField.PHONE,
      LeadField.MOBILE, LeadField.EXTERNAL_ID);

  private final Leads leads;
  private final LeadHistoryLog history;
  private final LeadCatalog catalog;
  private final LeadMatching matching;
  private final org.springframework.context.ApplicationEventPublisher events;
  private final Clock clock;

  LeadManagement(Leads leads, LeadHistoryLog history, LeadCatalog catalog, LeadMatching matching,
      org.springframework.context.ApplicationEventPublisher events, Clock clock) {
    this.leads = leads;
    this.history = history;
    this.catalog = catalog;
    this.matching = matching;
    this.events = events;
    this.clock = clock;
  }

  /** A lead written by {@link #create}: new, or (upsert) the stored one the input was merged into. */
  public record Saved(Lead lead, boolean created) {}

  /**
   * Creates a lead after asking the duplicate guard. A match is refused with the matches
   * ({@link DuplicateLead}, 409), merged into (upsert: the given fields patch the first matching
   * lead the user may see) or ignored, as {@code onDuplicate} says.
   */
  @Transactional
  public Saved create(Map<String, ?> json, CurrentUser user, Actor.Channel channel, OnDuplicate onDuplicate) {
    LeadInput.Parsed input = LeadInput.parse(json, catalog);
    Instant now = ApiTime.truncate(clock.instant());
    Lead lead = Lead.create(LeadId.random(), ownerRules(input, user, null), now, user.id());
    if (onDuplicate != OnDuplicate.ALLOW) {
      List<DuplicateMatch> matches = matching.find(DuplicateKeys.of(lead), null);
      if (!matches.isEmpty()) {
        if (onDuplicate == OnDuplicate.UPSERT) {
          for (DuplicateMatch m : matches) {
            if (m.kind() == DuplicateMatch.Kind.LEAD) {
              Optional<Lead> target = leads.find(new LeadId(m.id()), LeadConditions.visibleTo(user))
                  .filter(l -> l.deletedAt() == null && l.status() != LeadStatus.CONVERTED);
              if (target.isPresent()) {
                return new Saved(merge(target.get(), input, user, channel, now), false);
              }
            }
          }
        }
        throw new DuplicateLead(matches);
      }
    }
    leads.insert(lead);
    history.record(lead.id(), now, Actor.of(user, channel), Map.of(), Map.of("created", channel.name()));
    events.publishEvent(new LeadChanged(lead.id()));
    events.publishEvent(LeadsCreated.of(List.of(lead)));
    return new Saved(lead, true);
  }

  private Lead merge(Lead lead, LeadInput.Parsed input, CurrentUser user, Actor.Channel channel, Instant now) {
    LeadInput.Parsed checked = ownerRules(input, user, lead);
    Map<String, String> before = lead.snapshot();
    lead.edit(checked, now);
    save(lead, before, Actor.of(user, channel), now);
    return lead;
  }

  /** Applies a merge patch; {@code ifMatch} (when given) must be the current version or nothing changes. */
  @Transactional
  public Lead edit(LeadId id, Map<String, ?> patch, @Nullable Long ifMatch, CurrentUser user, Actor.Channel channel,
      OnDuplicate onDuplicate) {
    Lead lead = load(id, user);
    if (ifMatch != null && ifMatch != lead.version()) {
      throw new StaleVersion(ifMatch, lead.version());
    }
    LeadInput.Parsed input = ownerRules(LeadInput.parse(patch, catalog), user, lead);
    Map<String, String> before = lead.snapshot();
    Instant now = ApiTime.truncate(clock.instant());
    lead.edit(input, now);
    if (onDuplicate != OnDuplicate.ALLOW && input.changes().keySet().stream().anyMatch(KEY_FIELDS::contains)) {
      List<DuplicateMatch> matches = matching.find(DuplicateKeys.of(lead), lead.id());
      if (!matches.isEmpty()) {
        throw new DuplicateLead(matches);
      }
    }
    save(lead, before, Actor.of(user, channel), now);
    return lead;
  }

  @Transactional
  public Lead changeStatus(LeadId id, LeadStatus to, @Nullable String reason, CurrentUser user, Actor.Channel channel) {
    Lead lead = load(id, user);
    if (to == LeadStatus.DEAD && reason != null && !catalog.codeExists("lost_reason", reason.strip())) {
      throw InvalidInput.of("reason", "unknown lost reason '" + reason + "'; see /api/v1/settings/lost-reasons");
    }
    Map<String, String> before = lead.snapshot();
    Instant now = ApiTime.truncate(clock.instant());
    lead.changeStatus(to, reason, now);
    save(lead, before, Actor.of(user, channel), now);
    return lead;
  }

  @Transactional
  public void delete(LeadId id, CurrentUser user, Actor.Channel channel) {
    requireCurator(user);
    Lead lead = load(id, user);
    Map<String, String> before = lead.snapshot();
    Instant now = ApiTime.truncate(clock.instant());
    lead.softDelete(now);
    save(lead, before, Actor.of(user, channel), now);
  }

  @Transactional
  public Lead restore(LeadId id, CurrentUser user, Actor.Channel channel) {
    requireCurator(user);
    Lead lead = leads.find(id, LeadConditions.visibleTo(user)).orElseThrow(() -> new NotFound("lead"));
    Map<String, String> before = lead.snapshot();
    Instant now = ApiTime.truncate(clock.instant());
    lead.restore(now);
    save(lead, before, Actor.of(user, channel), now);
    return lead;
  }

  /**
   * Records a tracked touch's campaign parameters as the lead's first touch (while it has none) and
   * last touch (when newer). Attribution is what happened to the lead, not an edit: version and
   * change log stay as they are.
   */
  @Transactional
  public void recordTouch(LeadId id, Attribution.Touch touch) {
    leads.recordTouch(id.value(), touch);
  }

  /** Stores computed scores (no version change, no change-log entry: scores move with every event). */
  @Transactional
  public void scored(Map<LeadId, LeadScore> scores) {
    leads.storeScores(scores);
    if (!scores.isEmpty()) {
      events.publishEvent(new LeadsScored(scores.keySet().stream().map(LeadId::value).collect(
          java.util.stream.Collectors.toUnmodifiableSet())));
    }
  }

  /**
   * Moves a lead forward to {@code stage} on behalf of {@code actor} (scoring's MQL threshold, say),
   * logged like any change; false when the lead is already there or beyond, converted, or gone.
   */
  @Transactional
  public boolean reachStage(LeadId id, LifecycleStage stage, Actor actor) {
    Lead lead = leads.find(id, org.jooq.impl.DSL.trueCondition()).filter(l -> l.deletedAt() == null).orElse(null);
    if (lead == null) {
      return false;
    }
    Map<String, String> before = lead.snapshot();
    Instant now = ApiTime.truncate(clock.instant());
    if (!lead.reachStage(stage, now)) {
      return false;
    }
    save(lead, before, actor, now);
    return true;
  }

  /**
   * Brings a lost lead back (DEAD → RECYCLED) on behalf of {@code actor}, such as the re-engagement of
   * the recycle program; logged like any change, and routing hears of it. Empty when the lead is
   * not DEAD (or gone); otherwise the recycled lead, still with its previous owner (recycling keeps it).
   */
  @Transactional
  public java.util.Optional<Lead> reactivate(LeadId id, Actor actor) {
    Lead lead = leads.find(id, org.jooq.impl.DSL.trueCondition()).filter(l -> l.deletedAt() == null).orElse(null);
    if (lead == null || lead.status() != LeadStatus.DEAD) {
      return java.util.Optional.empty();
    }
    Map<String, String> before = lead.snapshot();
    Instant now = ApiTime.truncate(clock.instant());
    lead.changeStatus(LeadStatus.RECYCLED, null, now);
    save(lead, before, actor, now);
    return java.util.Optional.of(lead);
  }

  /** Records that the lead refused marketing, on behalf of {@code actor}; false when it had already, or is gone. */
  @Transactional
  public boolean withdrawConsent(LeadId id, String source, Actor actor) {
    Lead lead = leads.find(id, org.jooq.impl.DSL.trueCondition()).filter(l -> l.deletedAt() == null).orElse(null);
    if (lead == null) {
      return false;
    }
    Map<String, String> before = lead.snapshot();
    Instant now = ApiTime.truncate(clock.instant());
    if (!lead.withdrawConsent(source, now)) {
      return false;
    }
    save(lead, before, actor, now);
    return true;
  }

  /**
   * The lead about to be converted, as its reader may see it: 404 when hidden, 409 when it is
   * deleted, converted or dead. Conversion calls this and then {@link #markConverted} in one transaction.
   */
  @Transactional(readOnly = true)
  public Lead convertible(LeadId id, CurrentUser user) {
    Lead lead = leads.find(id, LeadConditions.visibleTo(user)).orElseThrow(() -> new NotFound("lead"));
    lead.requireConvertible();
    return lead;
  }

  /**
   * Marks the lead converted, logged like any change. The update matches the version the
   * conversion read, so of two conversions racing for one lead exactly one succeeds; the other's
   * transaction (and every record it created) rolls back with a 409.
   */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
  public Lead markConverted(Lead lead, LifecycleStage stage, Actor actor) {
    Map<String, String> before = lead.snapshot();
    Instant now = ApiTime.truncate(clock.instant());
    lead.markConverted(stage, now);
    save(lead, before, actor, now, "lead-already-converted", "the lead changed or was converted meanwhile");
    return lead;
  }

  /** Deleting, restoring, mass updates and exports are for managers, marketing and admins, not reps. */
  public static void requireCurator(CurrentUser user) {
    if (user.role() == Role.SALES_REP) {
      throw new AccessDeniedException("sales reps cannot do this");
    }
  }

  Lead load(LeadId id, CurrentUser user) {
    Lead lead = leads.find(id, LeadConditions.visibleTo(user)).orElseThrow(() -> new NotFound("lead"));
    if (lead.deletedAt() != null) {
      throw new NotFound("lead");
    }
    return lead;
  }

  void save(Lead lead, Map<String, String> before, Actor actor, Instant now) {
    save(lead, before, actor, now, "concurrent-change", "the lead changed meanwhile; reload it and try again");
  }

  private void save(Lead lead, Map<String, String> before, Actor actor, Instant now, String conflict,
      String conflictMessage) {
    long expected = lead.version();
    if (!leads.update(lead, expected)) {
      throw new DomainConflict(conflict, conflictMessage);
    }
    history.record(lead.id(), now, actor, before, lead.snapshot());
    events.publishEvent(new LeadChanged(lead.id()));
    recycled(lead, before, events);
  }

  /** Tells listeners (routing) when a change made the lead RECYCLED. */
  static void recycled(Lead lead, Map<String, String> before, org.springframework.context.ApplicationEventPublisher events) {
    if (lead.status() == LeadStatus.RECYCLED && !LeadStatus.RECYCLED.name().equals(before.get("status"))) {
      events.publishEvent(new LeadRecycled(lead.id()));
    }
  }

  /**
   * Reps own what they create and cannot hand leads to others: reassignment is a manager's job.
   */
  private static LeadInput.Parsed ownerRules(LeadInput.Parsed input, CurrentUser user, @Nullable Lead existing) {
    if (user.role() != Role.SALES_REP) {
      return input;
    }
    boolean ownerGiven = input.changes().containsKey(LeadField.OWNER_ID);
    UUID owner = (UUID) input.changes().get(LeadField.OWNER_ID);
    if (ownerGiven && owner != null && !owner.equals(user.id())) {
      throw new AccessDeniedException("sales reps cannot assign leads to others");
    }
    if (existing == null && !ownerGiven) {
      var changes = new java.util.EnumMap<LeadField, @Nullable Object>(LeadField.class);
      changes.putAll(input.changes());
      changes.put(LeadField.OWNER_ID, user.id());
      return new LeadInput.Parsed(changes, input.consent(), input.consentSource());
    }
    return input;
  }
}
