package org.sarnakh.lead;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.lead.internal.LeadConditions;
import org.sarnakh.lead.internal.LeadHistoryLog;
import org.sarnakh.lead.internal.Leads;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidValue;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.jobs.JobHandler;
import org.sarnakh.platform.jobs.JobRun;
import org.sarnakh.platform.jobs.Jobs;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Changes many leads at once: by ids (answered at once, one transaction per lead so a failure
 * keeps the others) or by filter (a durable job that resumes after a crash). Each change is logged.
 */
@Service
public class LeadMassUpdate implements JobHandler {

  public static final int MAX_IDS = 1000;
  static final String KIND = "lead-mass-update";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int CHUNK = 200;

  /** The change to apply: field values (merge-patch style), tags to add and remove, an optional status move. */
  public record Change(Map<String, Object> set, List<String> addTags, List<String> removeTags) {}

  public record Failure(UUID id, int status, String detail) {}

  public record Result(int updated, List<Failure> failed) {}

  private final Leads leads;
  private final LeadHistoryLog history;
  private final LeadCatalog catalog;
  private final UserDirectory users;
  private final Jobs jobs;
  private final TransactionTemplate tx;
  private final org.springframework.context.ApplicationEventPublisher events;
  private final Clock clock;

  LeadMassUpdate(Leads leads, LeadHistoryLog history, LeadCatalog catalog, UserDirectory users, Jobs jobs,
      TransactionTemplate tx, org.springframework.context.ApplicationEventPublisher events, Clock clock) {
    this.leads = leads;
    this.history = history;
    this.catalog = catalog;
    this.users = users;
    this.jobs = jobs;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
  }

  public Result byIds(List<UUID> ids, Change change, CurrentUser user) {
    LeadManagement.requireCurator(user);
    if (ids.isEmpty() || ids.size() > MAX_IDS) {
      throw InvalidInput.of("ids", "between 1 and " + MAX_IDS + " ids; use a filter for more");
    }
    Prepared prepared = prepare(change);
    int updated = 0;
    List<Failure> failed = new ArrayList<>();
    for (UUID id : new LinkedHashSet<>(ids)) {
      Failure f = applyOne(new LeadId(id), prepared, user);
      if (f == null) {
        updated++;
      } else {
        failed.add(f);
      }
    }
    return new Result(updated, failed);
  }

  /** Checks the change at once (a bad change is a 400 now, not a failed job later) and queues the job. */
  public UUID byFilter(LeadQuery.Filters filters, Map<String, List<String>> filterParams, Change change,
      CurrentUser user) {
    LeadManagement.requireCurator(user);
    prepare(change);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("filter", filterParams);
    payload.put("set", change.set());
    payload.put("addTags", change.addTags());
    payload.put("removeTags", change.removeTags());
    return tx.execute(s -> jobs.submit(KIND, JSON.writeValueAsString(payload), user.id()));
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public void run(JobRun run) {
    Map<String, Object> payload = JSON.readValue(run.payload(), new TypeReference<LinkedHashMap<String, Object>>() {});
    @SuppressWarnings("unchecked")
    Map<String, List<String>> filterParams = (Map<String, List<String>>) payload.get("filter");
    @SuppressWarnings("unchecked")
    Change change = new Change((Map<String, Object>) payload.get("set"), (List<String>) payload.get("addTags"),
        (List<String>) payload.get("removeTags"));
    CurrentUser user = users.current(run.createdBy()).orElseThrow(() -> new IllegalStateException("job owner is gone"));
    LeadQuery.Filters filters = LeadQuery.parseFilters(filterParams);
    Prepared prepared = prepare(change);
    var where = LeadConditions.matching(filters, user);
    UUID after = run.checkpoint() == null ? null : UUID.fromString(run.checkpoint());
    if (after == null) {
      // Counted once, on the first run: the job visits every matching row anyway.
      run.total(leads.count(where));
    }
    long total = 0;
    while (!run.cancelled()) {
      List<UUID> chunk = leads.ids(where, CHUNK, after);
      if (chunk.isEmpty()) {
        break;
      }
      long failed = 0;
      for (UUID id : chunk) {
        if (applyOne(new LeadId(id), prepared, user) != null) {
          failed++;
        }
      }
      after = chunk.get(chunk.size() - 1);
      total += chunk.size();
      run.progress(chunk.size(), failed, after.toString());
    }
    run.result("{\"matched\":" + total + "}");
  }

  private record Prepared(LeadInput.Parsed fields, @Nullable LeadStatus status, @Nullable String reason,
      List<String> addTags, Set<String> removeTags) {}

  private Prepared prepare(Change change) {
    Map<String, Object> set = new LinkedHashMap<>(change.set() == null ? Map.of() : change.set());
    LeadStatus status = null;
    String reason = null;
    Object statusValue = set.remove("status");
    Object reasonValue = set.remove("deadReason");
    if (statusValue != null) {
      try {
        status = LeadStatus.valueOf(String.valueOf(statusValue).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw InvalidInput.of("set.status", "unknown status");
      }
      reason = reasonValue == null ? null : String.valueOf(reasonValue);
      if (status == LeadStatus.DEAD && (reason == null || !catalog.codeExists("lost_reason", reason))) {
        throw InvalidInput.of("set.deadReason", "a known lost reason is needed to mark leads dead");
      }
    }
    LeadInput.Parsed fields;
    try {
      fields = LeadInput.parse(set, catalog);
    } catch (InvalidInput e) {
      throw new InvalidInput(e.problems().stream()
          .map(p -> new InvalidInput.FieldProblem("set." + p.field(), p.message())).toList());
    }
    if (fields.changes().containsKey(LeadField.TAGS)) {
      throw InvalidInput.of("set.tags", "use addTags and removeTags");
    }
    List<String> add = change.addTags() == null ? List.of() : change.addTags();
    List<String> remove = change.removeTags() == null ? List.of() : change.removeTags();
    if (fields.changes().isEmpty() && fields.consent() == null && status == null && add.isEmpty() && remove.isEmpty()) {
      throw InvalidInput.of("set", "nothing to change");
    }
    for (String tag : add) {
      if (tag == null || tag.isBlank() || tag.length() > 50) {
        throw InvalidInput.of("addTags", "tags are non-empty strings of at most 50 characters");
      }
    }
    return new Prepared(fields, status, reason, add.stream().map(String::strip).toList(),
        Set.copyOf(remove.stream().map(String::strip).toList()));
  }

  private @Nullable Failure applyOne(LeadId id, Prepared p, CurrentUser user) {
    try {
      tx.executeWithoutResult(s -> {
        Lead lead = leads.find(id, LeadConditions.visibleTo(user)).filter(l -> l.deletedAt() == null)
            .orElseThrow(() -> new NotFound("lead"));
        Map<String, String> before = lead.snapshot();
        Instant now = ApiTime.truncate(clock.instant());
        Map<LeadField, @Nullable Object> changes = new EnumMap<>(LeadField.class);
        changes.putAll(p.fields().changes());
        if (!p.addTags().isEmpty() || !p.removeTags().isEmpty()) {
          LinkedHashSet<String> tags = new LinkedHashSet<>(lead.tags());
          tags.removeAll(p.removeTags());
          tags.addAll(p.addTags());
          if (tags.size() > LeadField.MAX_TAGS) {
            throw new InvalidValue("addTags", "a lead can have at most " + LeadField.MAX_TAGS + " tags");
          }
          changes.put(LeadField.TAGS, tags.isEmpty() ? null : List.copyOf(tags));
        }
        if (!changes.isEmpty() || p.fields().consent() != null) {
          lead.edit(new LeadInput.Parsed(changes, p.fields().consent(), p.fields().consentSource()), now);
        }
        if (p.status() != null && p.status() != lead.status()) {
          lead.changeStatus(p.status(), p.reason(), now);
        }
        long expected = lead.version();
        if (!leads.update(lead, expected)) {
          throw new DomainConflict("concurrent-change", "the lead changed meanwhile");
        }
        history.record(id, now, Actor.of(user, Actor.Channel.MASS_UPDATE), before, lead.snapshot());
        events.publishEvent(new LeadChanged(id));
        LeadManagement.recycled(lead, before, events);
      });
      return null;
    } catch (NotFound e) {
      return new Failure(id.value(), 404, "lead not found");
    } catch (DomainConflict e) {
      return new Failure(id.value(), 409, e.getMessage());
    } catch (InvalidValue e) {
      return new Failure(id.value(), 400, e.field() + ": " + e.getMessage());
    } catch (InvalidInput e) {
      return new Failure(id.value(), 400, e.getMessage());
    } catch (AccessDeniedException e) {
      return new Failure(id.value(), 403, e.getMessage());
    }
  }
}
