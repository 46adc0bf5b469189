package org.sarnakh.lead;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;

/**
 * The lead aggregate. It owns its transitions: status moves follow the table of PRODUCT.md §4,
 * a converted lead is read-only, and every change is visible as a difference of {@link #snapshot()}s.
 */
public final class Lead {

  /** Fields of which a lead needs at least one to identify somebody. */
  static final Set<LeadField> IDENTIFYING = Set.of(LeadField.FIRST_NAME, LeadField.LAST_NAME, LeadField.ACCOUNT_NAME,
      LeadField.EMAIL, LeadField.PHONE, LeadField.MOBILE);

  private final LeadId id;
  private long version;
  private final Map<LeadField, Object> values;
  private LeadStatus status;
  private @Nullable String deadReason;
  private LifecycleStage stage;
  private Consent consent;
  private LeadScore score;
  private final Instant createdAt;
  private Instant updatedAt;
  private final @Nullable UUID createdBy;
  private @Nullable Instant convertedAt;
  private @Nullable Instant deletedAt;
  private Attribution attribution = Attribution.NONE;

  /** Rebuilds a stored lead; used by the repository only. */
  public Lead(LeadId id, long version, Map<LeadField, Object> values, LeadStatus status, @Nullable String deadReason,
      LifecycleStage stage, Consent consent, LeadScore score, Instant createdAt, Instant updatedAt,
      @Nullable UUID createdBy, @Nullable Instant convertedAt, @Nullable Instant deletedAt) {
    this.id = id;
    this.version = version;
    this.values = new EnumMap<>(LeadField.class);
    this.values.putAll(values);
    this.status = status;
    this.deadReason = deadReason;
    this.stage = stage;
    this.consent = consent;
    this.score = score;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
    this.createdBy = createdBy;
    this.convertedAt = convertedAt;
    this.deletedAt = deletedAt;
  }

  /** A new lead: ASSIGNED when it is created with an owner, NEW otherwise. */
  public static Lead create(LeadId id, LeadInput.Parsed input, Instant at, @Nullable UUID by) {
    Lead lead = new Lead(id, 0, Map.of(), LeadStatus.NEW, null, LifecycleStage.LEAD, Consent.UNKNOWN, LeadScore.ZERO,
        at, at, by, null, null);
    lead.apply(input, at);
    return lead;
  }

  /** Applies a checked set of field changes (a merge patch). */
  public void edit(LeadInput.Parsed input, Instant at) {
    requireEditable();
    apply(input, at);
  }

  private void apply(LeadInput.Parsed input, Instant at) {
    input.changes().forEach((field, value) -> {
      if (value == null) {
        values.remove(field);
      } else {
        values.put(field, value);
      }
    });
    if (IDENTIFYING.stream().noneMatch(values::containsKey)) {
      throw InvalidInput.of("lastName", "a lead needs a name, a company, an email or a phone number");
    }
    if (input.consent() != null) {
      consent = new Consent(input.consent(), input.consentSource(), at);
    }
    if (status == LeadStatus.NEW && values.containsKey(LeadField.OWNER_ID)) {
      status = LeadStatus.ASSIGNED;
    }
    updatedAt = at;
  }

  /** Moves the lead through the status endpoint; DEAD needs a reason the caller checked against the list. */
  public void changeStatus(LeadStatus to, @Nullable String reason, Instant at) {
    if (to == LeadStatus.CONVERTED) {
      throw new IllegalLeadTransition(id, status, to, "use POST /api/v1/leads/{id}/convert");
    }
    if (status == LeadStatus.CONVERTED) {
      throw new IllegalLeadTransition(id, status, to, "a converted lead is read-only");
    }
    if (!status.directMoves().contains(to)) {
      throw new IllegalLeadTransition(id, status, to, status == LeadStatus.NEW && to == LeadStatus.ASSIGNED
          ? "a new lead becomes ASSIGNED when an owner is set" : "not an allowed move");
    }
    if (to == LeadStatus.DEAD) {
      if (reason == null || reason.isBlank()) {
        throw InvalidInput.of("reason", "a dead lead needs a reason from the lost-reasons list");
      }
      deadReason = reason.strip();
    }
    if (to == LeadStatus.ASSIGNED && !values.containsKey(LeadField.OWNER_ID)) {
      throw new IllegalLeadTransition(id, status, to, "the lead has no owner");
    }
    status = to;
    updatedAt = at;
  }

  /**
   * Refuses a conversion this lead cannot take (PRODUCT.md §4): a converted lead is converted once,
   * a dead one must be reactivated first, a deleted one restored first. Each is a 409.
   */
  public void requireConvertible() {
    if (deletedAt != null) {
      throw new DomainConflict("lead-deleted", "lead " + id + " is deleted; restore it before converting");
    }
    if (status == LeadStatus.CONVERTED) {
      throw new DomainConflict("lead-already-converted", "lead " + id + " is already converted");
    }
    if (status == LeadStatus.DEAD) {
      throw new DomainConflict("lead-dead", "lead " + id + " is dead; recycle it before converting");
    }
  }

  /**
   * The only way to CONVERTED: the lead's person became a contact (and perhaps a deal), so it moves
   * to {@code stage} in the funnel (never back) and is read-only from now on but for activities.
   */
  public void markConverted(LifecycleStage stage, Instant at) {
    requireConvertible();
    status = LeadStatus.CONVERTED;
    if (stage.compareTo(this.stage) > 0) {
      this.stage = stage;
    }
    convertedAt = at;
    updatedAt = at;
  }

  /**
   * Hands the lead to a rep ({@code owner}) or, with no owner, to a team's pool ({@code team});
   * a team of null keeps the lead's team. A new or recycled lead that gets an owner becomes
   * ASSIGNED; one in process stays in process with its new owner.
   */
  public void assignTo(@Nullable UUID owner, @Nullable UUID team, Instant at) {
    requireEditable();
    if (deletedAt != null || status == LeadStatus.DEAD) {
      throw new DomainConflict("not-assignable", "lead " + id + " is " + (deletedAt != null ? "deleted" : "dead"));
    }
    if (owner == null) {
      values.remove(LeadField.OWNER_ID);
    } else {
      values.put(LeadField.OWNER_ID, owner);
    }
    if (team != null) {
      values.put(LeadField.TEAM_ID, team);
    }
    if (owner != null && (status == LeadStatus.NEW || status == LeadStatus.RECYCLED)) {
      status = LeadStatus.ASSIGNED;
    }
    updatedAt = at;
  }

  /** Set by the repository: the touches tracking recorded (never changed through the lead itself). */
  public void attributed(Attribution attribution) {
    this.attribution = attribution;
  }

  public Attribution attribution() {
    return attribution;
  }

  /**
   * Moves the lead forward in the funnel (scoring makes it an MQL, acceptance an SQL…); a lead
   * never moves back this way, and a converted one stays where conversion put it.
   */
  public boolean reachStage(LifecycleStage to, Instant at) {
    if (status == LeadStatus.CONVERTED || to.compareTo(stage) <= 0) {
      return false;
    }
    stage = to;
    updatedAt = at;
    return true;
  }

  /** Scoring sets the computed score; the lead only keeps it. */
  public void scored(LeadScore newScore) {
    this.score = newScore;
  }

  public void softDelete(Instant at) {
    if (deletedAt != null) {
      throw new DomainConflict("already-deleted", "lead " + id + " is already deleted");
    }
    deletedAt = at;
    updatedAt = at;
  }

  public void restore(Instant at) {
    if (deletedAt == null) {
      throw new DomainConflict("not-deleted", "lead " + id + " is not deleted");
    }
    deletedAt = null;
    updatedAt = at;
  }

  /**
   * The lead refused marketing (an unsubscribe link, a complaint): recorded even on a converted
   * lead, as consent is not a business field. False when it had already refused.
   */
  public boolean withdrawConsent(String source, Instant at) {
    if (consent.status() == Consent.Status.DENIED) {
      return false;
    }
    consent = new Consent(Consent.Status.DENIED, source, at);
    updatedAt = at;
    return true;
  }

  private void requireEditable() {
    if (status == LeadStatus.CONVERTED) {
      throw new DomainConflict("converted-read-only", "lead " + id + " is converted and read-only but for activities");
    }
  }

  /**
   * Every field as text by its API name, for the change log: two snapshots' differences are
   * exactly what changed, whatever path changed it.
   */
  public Map<String, String> snapshot() {
    Map<String, String> s = new LinkedHashMap<>();
    values.forEach((field, value) -> {
      if (field == LeadField.CUSTOM_FIELDS) {
        ((Map<?, ?>) value).forEach((k, v) -> s.put("customFields." + k, String.valueOf(v)));
      } else {
        s.put(field.apiName(), display(value));
      }
    });
    s.put("status", status.name());
    if (deadReason != null) {
      s.put("deadReason", deadReason);
    }
    s.put("lifecycleStage", stage.name());
    s.put("marketingConsent", consent.status().name());
    if (deletedAt != null) {
      s.put("deleted", "true");
    }
    return s;
  }

  static String display(Object value) {
    if (value instanceof Money m) {
      return m.amountString() + " " + m.currency().getCurrencyCode();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
    return String.valueOf(value);
  }

  public LeadId id() {
    return id;
  }

  /** The person's name as typed; a lead known only by company, email or phone is named by that. */
  public String displayName() {
    String first = text(LeadField.FIRST_NAME);
    String last = text(LeadField.LAST_NAME);
    String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
    if (!name.isEmpty()) {
      return name;
    }
    for (LeadField f : List.of(LeadField.ACCOUNT_NAME, LeadField.EMAIL, LeadField.MOBILE, LeadField.PHONE)) {
      if (text(f) != null) {
        return text(f);
      }
    }
    return id.toString();
  }

  public long version() {
    return version;
  }

  /** Set by the repository after a successful write. */
  public void stored(long newVersion) {
    this.version = newVersion;
  }

  public @Nullable Object get(LeadField field) {
    return values.get(field);
  }

  public Map<LeadField, Object> values() {
    return Map.copyOf(values);
  }

  public @Nullable String text(LeadField field) {
    Object v = values.get(field);
    return v == null ? null : v.toString();
  }

  public @Nullable UUID ownerId() {
    return (UUID) values.get(LeadField.OWNER_ID);
  }

  public @Nullable UUID teamId() {
    return (UUID) values.get(LeadField.TEAM_ID);
  }

  @SuppressWarnings("unchecked")
  public List<String> tags() {
    Object v = values.get(LeadField.TAGS);
    return v == null ? List.of() : (List<String>) v;
  }

  public LeadStatus status() {
    return status;
  }

  public @Nullable String deadReason() {
    return deadReason;
  }

  public LifecycleStage lifecycleStage() {
    return stage;
  }

  public Consent consent() {
    return consent;
  }

  public LeadScore score() {
    return score;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public @Nullable UUID createdBy() {
    return createdBy;
  }

  public @Nullable Instant convertedAt() {
    return convertedAt;
  }

  public @Nullable Instant deletedAt() {
    return deletedAt;
  }
}
