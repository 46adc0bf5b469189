package org.sarnakh.lead.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sarnakh.platform.web.IfMatch;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.Activity;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.HistoryEntry;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadActivities;
import org.sarnakh.lead.LeadActivities.NewActivity;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadManagement;
import org.sarnakh.lead.LeadMatching.OnDuplicate;
import org.sarnakh.lead.LeadMassUpdate;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.lead.LeadQuery;
import org.sarnakh.lead.LeadStatus;
import org.sarnakh.lead.TimelineItem;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.web.Idempotency;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/leads}: thin edge over the lead module's use cases. */
@RestController
@RequestMapping("/api/v1/leads")
class LeadApi {

  record ChangeStatus(@NotNull LeadStatus status, @Nullable @Size(max = 50) String reason) {}

  record MassUpdateRequest(@Nullable List<UUID> ids, @Nullable Map<String, Object> filter,
      @Nullable Map<String, Object> set, @Nullable List<String> addTags, @Nullable List<String> removeTags) {}

  record ActivityRequest(@Nullable String kind, @Nullable String subject, @Nullable String body,
      @Nullable String state, @Nullable String dueAt) {}

  record CompleteActivity(@NotNull Activity.State state) {}

  private final LeadManagement leads;
  private final LeadQueries queries;
  private final LeadActivities activities;
  private final LeadMassUpdate massUpdate;
  private final LeadDownloads downloads;
  private final Idempotency idempotency;
  private final Accessor access;

  LeadApi(LeadManagement leads, LeadQueries queries, LeadActivities activities, LeadMassUpdate massUpdate,
      LeadDownloads downloads, Idempotency idempotency, Accessor access) {
    this.leads = leads;
    this.queries = queries;
    this.activities = activities;
    this.massUpdate = massUpdate;
    this.downloads = downloads;
    this.idempotency = idempotency;
    this.access = access;
  }

  /**
   * Creates a lead; {@code onDuplicate} says what a match of the duplicate guard does: {@code reject}
   * (409 with the matches), {@code upsert} (200: the fields patch the matching lead) or {@code allow}.
   */
  @PostMapping
  ResponseEntity<?> create(@RequestBody Map<String, Object> body,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
      @RequestParam(defaultValue = "reject") String onDuplicate) {
    CurrentUser user = access.current();
    OnDuplicate policy = onDuplicate(onDuplicate);
    return idempotency.create(user.id(), key, "POST /leads?onDuplicate=" + policy + " " + body, () -> {
      var saved = leads.create(body, user, Actor.Channel.API, policy);
      return new Idempotency.Created(URI.create("/api/v1/leads/" + saved.lead().id()), LeadView.of(saved.lead()),
          saved.created() ? 201 : 200);
    });
  }

  static OnDuplicate onDuplicate(String given) {
    try {
      return OnDuplicate.valueOf(given.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInput.of("onDuplicate", "reject, upsert or allow");
    }
  }

  @GetMapping
  Map<String, Object> list(@RequestParam MultiValueMap<String, String> params) {
    CurrentUser user = access.current();
    LeadQueries.Page page = queries.list(LeadQuery.parse(params), user);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.items().stream().map(LeadView::of).toList());
    body.put("nextCursor", page.nextCursor());
    return body;
  }

  @GetMapping("/{id}")
  ResponseEntity<LeadView> get(@PathVariable UUID id) {
    Lead lead = queries.get(new LeadId(id), access.current());
    return withEtag(lead);
  }

  @PatchMapping(value = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
  ResponseEntity<LeadView> patch(@PathVariable UUID id, @RequestBody Map<String, Object> patch,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
      @RequestParam(defaultValue = "reject") String onDuplicate) {
    OnDuplicate policy = onDuplicate(onDuplicate);
    if (policy == OnDuplicate.UPSERT) {
      throw InvalidInput.of("onDuplicate", "reject or allow when editing a lead");
    }
    Lead lead = leads.edit(new LeadId(id), patch, IfMatch.version(ifMatch, "lead"), access.current(), Actor.Channel.API, policy);
    return withEtag(lead);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable UUID id) {
    leads.delete(new LeadId(id), access.current(), Actor.Channel.API);
  }

  @PostMapping("/{id}/restore")
  ResponseEntity<LeadView> restore(@PathVariable UUID id) {
    return withEtag(leads.restore(new LeadId(id), access.current(), Actor.Channel.API));
  }

  @PostMapping("/{id}/status")
  ResponseEntity<LeadView> status(@PathVariable UUID id, @Valid @RequestBody ChangeStatus body) {
    return withEtag(leads.changeStatus(new LeadId(id), body.status(), body.reason(), access.current(), Actor.Channel.API));
  }

  @GetMapping("/{id}/history")
  Map<String, Object> history(@PathVariable UUID id, @RequestParam(defaultValue = "100") int limit,
      @RequestParam(required = false) @Nullable Long cursor) {
    requireLimit(limit);
    List<HistoryEntry> entries = queries.history(new LeadId(id), access.current(), limit + 1, cursor);
    boolean more = entries.size() > limit;
    List<HistoryEntry> page = more ? entries.subList(0, limit) : entries;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.stream().map(h -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", ApiTime.format(h.at()));
      m.put("actor", Map.of("id", h.actorId() == null ? "" : h.actorId().toString(), "name", h.actorName()));
      m.put("via", h.via());
      m.put("field", h.field());
      m.put("oldValue", h.oldValue());
      m.put("newValue", h.newValue());
      return m;
    }).toList());
    body.put("nextCursor", more ? String.valueOf(page.get(page.size() - 1).id()) : null);
    return body;
  }

  @PostMapping("/{id}/activities")
  ResponseEntity<Map<String, Object>> addActivity(@PathVariable UUID id, @RequestBody ActivityRequest body) {
    Activity a = activities.add(new LeadId(id),
        new NewActivity(body.kind(), body.subject(), body.body(), body.state(), body.dueAt()), access.current());
    return ResponseEntity.created(URI.create("/api/v1/leads/" + id + "/activities/" + a.id())).body(activityView(a));
  }

  @GetMapping("/{id}/activities")
  Map<String, Object> activities(@PathVariable UUID id, @RequestParam(defaultValue = "200") int limit) {
    requireLimit(limit);
    return Map.of("items", queries.activities(new LeadId(id), access.current(), limit).stream()
        .map(LeadApi::activityView).toList());
  }

  @PostMapping("/{id}/activities/{activityId}/state")
  Map<String, Object> completeActivity(@PathVariable UUID id, @PathVariable UUID activityId,
      @Valid @RequestBody CompleteActivity body) {
    return activityView(activities.complete(new LeadId(id), activityId, body.state(), access.current()));
  }

  @GetMapping("/{id}/timeline")
  Map<String, Object> timeline(@PathVariable UUID id, @RequestParam(defaultValue = "100") int limit,
      @RequestParam(required = false) @Nullable String cursor) {
    requireLimit(limit);
    Instant before = null;
    if (cursor != null) {
      try {
        before = Instant.parse(cursor);
      } catch (DateTimeParseException e) {
        throw InvalidInput.of("cursor", "not a cursor of this timeline");
      }
    }
    List<TimelineItem> items = queries.timeline(new LeadId(id), access.current(), limit + 1, before);
    boolean more = items.size() > limit;
    List<TimelineItem> page = more ? items.subList(0, limit) : items;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.stream().map(i -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", i.type());
      m.put("at", ApiTime.format(i.at()));
      m.put("actor", i.actorName());
      m.put("summary", i.summary());
      m.put("ref", i.ref());
      m.put("details", i.details());
      return m;
    }).toList());
    body.put("nextCursor", more ? page.get(page.size() - 1).at().toString() : null);
    return body;
  }

  @PostMapping("/mass-update")
  ResponseEntity<?> massUpdate(@RequestBody MassUpdateRequest body) {
    CurrentUser user = access.current();
    var change = new LeadMassUpdate.Change(body.set() == null ? Map.of() : body.set(),
        body.addTags() == null ? List.of() : body.addTags(), body.removeTags() == null ? List.of() : body.removeTags());
    if ((body.ids() == null) == (body.filter() == null)) {
      throw InvalidInput.of("ids", "give either ids or filter");
    }
    if (body.ids() != null) {
      var result = massUpdate.byIds(body.ids(), change, user);
      return ResponseEntity.ok(Map.of("updated", result.updated(), "failed", result.failed()));
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    body.filter().forEach((k, v) -> params.put(k, v instanceof List<?> l
        ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v))));
    UUID job = massUpdate.byFilter(LeadQuery.parseFilters(params), params, change, user);
    return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + job))
        .body(Map.of("id", job, "kind", "lead-mass-update", "status", "QUEUED"));
  }

  @GetMapping("/export.csv")
  void exportCsv(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response) throws IOException {
    downloads.csv(params, response);
  }

  @GetMapping("/export.xlsx")
  void exportXlsx(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response) throws IOException {
    downloads.xlsx(params, response);
  }

  static Map<String, Object> activityView(Activity a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("kind", a.kind().name());
    m.put("subject", a.subject());
    m.put("body", a.body());
    m.put("state", a.state().name());
    m.put("dueAt", ApiTime.format(a.dueAt()));
    m.put("doneAt", ApiTime.format(a.doneAt()));
    m.put("createdAt", ApiTime.format(a.createdAt()));
    m.put("createdBy", a.createdBy());
    m.put("actor", a.actorName());
    return m;
  }

  private static void requireLimit(int limit) {
    if (limit < 1 || limit > LeadQuery.MAX_LIMIT) {
      throw InvalidInput.of("limit", "between 1 and " + LeadQuery.MAX_LIMIT);
    }
  }

  static ResponseEntity<LeadView> withEtag(Lead lead) {
    return ResponseEntity.ok().eTag("\"" + lead.version() + "\"").body(LeadView.of(lead));
  }
}
