package org.sarnakh.lead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.internal.LeadActivityLog;
import org.sarnakh.lead.internal.LeadConditions;
import org.sarnakh.lead.internal.LeadHistoryLog;
import org.sarnakh.lead.internal.Leads;
import org.sarnakh.platform.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading leads: one, a keyset page, the change log, the timeline, and streaming for export. */
@Service
public class LeadQueries {

  public record Page(List<Lead> items, @Nullable String nextCursor) {}

  static final List<String> TIMELINE_FIELDS = List.of("created", "status", "ownerId", "deadReason", "lifecycleStage",
      "deleted");

  private final Leads leads;
  private final LeadHistoryLog history;
  private final LeadActivityLog activities;
  private final List<TimelineSource> sources;

  LeadQueries(Leads leads, LeadHistoryLog history, LeadActivityLog activities, List<TimelineSource> sources) {
    this.leads = leads;
    this.history = history;
    this.activities = activities;
    this.sources = List.copyOf(sources);
  }

  /** A visible, not deleted lead; anything else answers 404. */
  @Transactional(readOnly = true)
  public Lead get(LeadId id, CurrentUser user) {
    return leads.find(id, LeadConditions.visibleTo(user)).filter(l -> l.deletedAt() == null)
        .orElseThrow(() -> new NotFound("lead"));
  }

  @Transactional(readOnly = true)
  public Page list(LeadQuery query, CurrentUser user) {
    var where = LeadConditions.matching(query.filters(), user).and(LeadConditions.after(query.sort(), query.after()));
    List<Lead> rows = leads.page(where, LeadConditions.order(query.sort()), query.limit() + 1);
    if (rows.size() <= query.limit()) {
      return new Page(rows, null);
    }
    List<Lead> page = rows.subList(0, query.limit());
    Lead last = page.get(page.size() - 1);
    return new Page(List.copyOf(page),
        query.encodeCursor(LeadConditions.cursorValue(query.sort(), last), last.id().value()));
  }

  /**
   * Which of these leads exist and are not deleted, whoever asks: for modules that attach records
   * to leads (tracked events) and have checked their caller's right themselves.
   */
  public java.util.Set<java.util.UUID> existing(java.util.Collection<java.util.UUID> ids) {
    return leads.existing(ids);
  }

  /** Ids of the leads not deleted, in id order after {@code after}: for system jobs that visit every lead. */
  public List<java.util.UUID> idsAfter(java.util.@Nullable UUID after, int limit) {
    return leads.ids(org.sarnakh.platform.db.Tables.LEAD.DELETED_AT.isNull(), limit, after);
  }

  /**
   * The id {@code n} places after {@code after} (null: from the start) in id order, or null when
   * fewer follow: the bound of the next chunk of a pass over every lead, without loading the ids.
   */
  public java.util.@Nullable UUID nthIdAfter(java.util.@Nullable UUID after, int n) {
    return leads.nthIdAfter(after, n);
  }

  /** How many leads are not deleted (a job's total). */
  public long countLive() {
    return leads.count(org.sarnakh.platform.db.Tables.LEAD.DELETED_AT.isNull());
  }

  /** These leads as stored, whoever asks, deleted ones left out: for system work such as scoring. */
  public List<Lead> forSystem(java.util.Collection<java.util.UUID> ids) {
    return leads.byIds(ids).stream().filter(l -> l.deletedAt() == null).toList();
  }

  /** Those of these leads the user may see, not deleted, in no particular order: for reports that list leads. */
  @Transactional(readOnly = true)
  public List<Lead> visible(java.util.Collection<java.util.UUID> ids, CurrentUser user) {
    return leads.findAll(ids, LeadConditions.visibleTo(user)).stream().filter(l -> l.deletedAt() == null).toList();
  }

  /**
   * How the scores of the live leads the user may see are spread: the number of leads per band of
   * {@code width} points, keyed by the band's lowest score (negative scores have bands too).
   */
  @Transactional(readOnly = true)
  public java.util.SortedMap<Integer, Long> scoreDistribution(CurrentUser user, int width) {
    return leads.scoreBands(LeadConditions.matching(LeadQuery.Filters.none(), user), width);
  }

  /**
   * When each of these leads last reached its present status, from the change log (the lead's
   * creation when the log has no status change): when a converted or lost lead was decided.
   */
  @Transactional(readOnly = true)
  public Map<java.util.UUID, Instant> statusSince(java.util.Collection<Lead> of) {
    Map<java.util.UUID, Instant> out = new java.util.HashMap<>(history.statusSince(of.stream()
        .collect(java.util.stream.Collectors.toMap(l -> l.id().value(), l -> l.status().name()))));
    of.forEach(l -> out.putIfAbsent(l.id().value(), l.createdAt()));
    return out;
  }

  /** Which of these leads refused marketing: what public tracking must not record about them. */
  public java.util.Set<java.util.UUID> refusedMarketing(java.util.Collection<java.util.UUID> ids) {
    return leads.refusedMarketing(ids);
  }

  /** The lead of each normalised email (the oldest when several share one), for attaching records to leads. */
  public Map<String, java.util.UUID> byEmail(java.util.Collection<String> emails) {
    return leads.byEmail(emails);
  }

  /** Every matching lead, streamed in bounded chunks. */
  public void forEach(LeadQuery.Filters filters, CurrentUser user, Consumer<Lead> sink) {
    leads.forEach(LeadConditions.matching(filters, user), sink);
  }

  @Transactional(readOnly = true)
  public List<HistoryEntry> history(LeadId id, CurrentUser user, int limit, @Nullable Long before) {
    requireVisible(id, user);
    return history.of(id, limit, before, null);
  }

  @Transactional(readOnly = true)
  public List<Activity> activities(LeadId id, CurrentUser user, int limit) {
    requireVisible(id, user);
    return activities.of(id, limit);
  }

  /**
   * Activities merged with status, owner and lifecycle changes, the creation, and what other
   * modules contribute (tracked events …), newest first.
   * Planned activities appear at their due time once it has passed, at creation otherwise.
   */
  @Transactional(readOnly = true)
  public List<TimelineItem> timeline(LeadId id, CurrentUser user, int limit, @Nullable Instant before) {
    requireVisible(id, user);
    List<TimelineItem> items = new ArrayList<>();
    for (Activity a : activities.of(id, 5000)) {
      Instant at = a.doneAt() != null ? a.doneAt() : a.createdAt();
      items.add(new TimelineItem("activity", at, a.actorName(), a.subject(), a.id().toString(),
          Map.of("kind", a.kind().name(), "state", a.state().name(),
              "dueAt", a.dueAt() == null ? "" : a.dueAt().toString())));
    }
    for (HistoryEntry h : history.of(id, 5000, null, TIMELINE_FIELDS)) {
      String type = switch (h.field()) {
        case "created" -> "created";
        case "ownerId" -> "owner";
        case "lifecycleStage" -> "lifecycle";
        case "deleted" -> "deleted";
        default -> "status";
      };
      String summary = type.equals("created") ? "created via " + h.newValue()
          : h.field() + ": " + (h.oldValue() == null ? "—" : h.oldValue()) + " → " + (h.newValue() == null ? "—" : h.newValue());
      items.add(new TimelineItem(type, h.at(), h.actorName(), summary, String.valueOf(h.id()),
          Map.of("field", h.field(), "old", h.oldValue() == null ? "" : h.oldValue(),
              "new", h.newValue() == null ? "" : h.newValue())));
    }
    for (TimelineSource source : sources) {
      items.addAll(source.items(id, limit, before));
    }
    return items.stream()
        .filter(i -> before == null || i.at().isBefore(before))
        .sorted(Comparator.comparing(TimelineItem::at).reversed())
        .limit(limit)
        .toList();
  }

  private void requireVisible(LeadId id, CurrentUser user) {
    get(id, user);
  }
}
