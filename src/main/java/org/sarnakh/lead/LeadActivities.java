package org.sarnakh.lead;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.internal.LeadActivityLog;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.text.TextKeys;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Logging calls, meetings, tasks, notes and emails on a lead, past or planned; allowed on converted leads too. */
@Service
public class LeadActivities {

  public record NewActivity(@Nullable String kind, @Nullable String subject, @Nullable String body,
      @Nullable String state, @Nullable String dueAt) {}

  private final LeadQueries queries;
  private final LeadActivityLog log;
  private final Clock clock;

  LeadActivities(LeadQueries queries, LeadActivityLog log, Clock clock) {
    this.queries = queries;
    this.log = log;
    this.clock = clock;
  }

  @Transactional
  public Activity add(LeadId leadId, NewActivity input, CurrentUser user) {
    queries.get(leadId, user);
    List<FieldProblem> problems = new ArrayList<>();
    Activity.Kind kind = null;
    try {
      kind = Activity.Kind.valueOf(String.valueOf(input.kind()).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem("kind", "one of CALL, MEETING, TASK, NOTE, EMAIL"));
    }
    String subject = input.subject() == null ? "" : input.subject().strip();
    if (subject.isEmpty() || subject.length() > 200 || TextKeys.hasForbiddenControls(subject)) {
      problems.add(new FieldProblem("subject", "required, at most 200 characters, no control characters"));
    }
    String body = input.body() == null || input.body().isBlank() ? null : input.body().strip();
    if (body != null && (body.length() > 32000 || TextKeys.hasForbiddenControlsMultiline(body))) {
      problems.add(new FieldProblem("body", "at most 32000 characters, no control characters"));
    }
    Instant now = ApiTime.truncate(clock.instant());
    Instant due = null;
    if (input.dueAt() != null && !input.dueAt().isBlank()) {
      try {
        due = ApiTime.truncate(Instant.parse(input.dueAt()));
      } catch (DateTimeParseException e) {
        problems.add(new FieldProblem("dueAt", "an ISO-8601 instant"));
      }
    }
    Activity.State state = Activity.State.DONE;
    if (input.state() != null) {
      try {
        state = Activity.State.valueOf(input.state().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("state", "PLANNED or DONE"));
      }
    } else if (due != null && due.isAfter(now)) {
      state = Activity.State.PLANNED;
    }
    if (state == Activity.State.PLANNED && due == null) {
      problems.add(new FieldProblem("dueAt", "a planned activity needs a due time"));
    }
    if (kind == Activity.Kind.NOTE && state == Activity.State.PLANNED) {
      problems.add(new FieldProblem("state", "a note is always done"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    Activity activity = new Activity(UUID.randomUUID(), leadId, kind, subject, body, state, due,
        state == Activity.State.DONE ? now : null, now, user.id(), user.actorName());
    log.insert(activity);
    return activity;
  }

  /** Marks a planned activity done or cancelled. */
  @Transactional
  public Activity complete(LeadId leadId, UUID activityId, Activity.State state, CurrentUser user) {
    queries.get(leadId, user);
    Activity a = log.find(leadId, activityId).orElseThrow(() -> new NotFound("activity"));
    if (state == Activity.State.PLANNED) {
      throw InvalidInput.of("state", "DONE or CANCELLED");
    }
    Instant now = ApiTime.truncate(clock.instant());
    log.updateState(activityId, state, state == Activity.State.DONE ? now : a.doneAt());
    return log.find(leadId, activityId).orElseThrow();
  }
}
