package org.sarnakh.nurture;

import static org.sarnakh.platform.db.Tables.EMAIL_TEMPLATE;
import static org.sarnakh.platform.db.Tables.NURTURE_ENROLLMENT;
import static org.sarnakh.platform.db.Tables.NURTURE_SEQUENCE;
import static org.sarnakh.platform.db.Tables.NURTURE_SEQUENCE_STEP;
import static org.sarnakh.platform.db.Tables.SEGMENT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.StaleVersion;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sequences: their definition (steps, entry segment, exits) and enrolments. The steps of a
 * sequence can be edited while leads are in it: each enrolment keeps its place by step number, and
 * one whose next step no longer exists completes.
 */
@Service
public class Sequences {

  static final int MAX_STEPS = 30;
  static final Duration MAX_DELAY = Duration.ofDays(366);
  private static final Set<String> FIELDS = Set.of("name", "state", "entrySegmentId", "exitOn", "steps");

  /** A lead's place in a sequence, as the lead page and API show it. */
  public record Enrollment(UUID id, UUID sequenceId, String sequenceName, UUID leadId, String state, int nextStep,
      @Nullable Instant dueAt, Instant enrolledAt, String enrolledVia, @Nullable Instant finishedAt,
      @Nullable String exitReason, int stepsSent) {}

  private final DSLContext db;
  private final Clock clock;
  private final LeadQueries leads;

  Sequences(DSLContext db, Clock clock, LeadQueries leads) {
    this.db = db;
    this.clock = clock;
    this.leads = leads;
  }

  @Transactional
  public Sequence create(Map<String, ?> json, CurrentUser user) {
    NurtureInput.requireMarketer(user, "sequences are run by marketing and administrators");
    Parsed p = parse(json, null);
    UUID id = UUID.randomUUID();
    Instant now = ApiTime.truncate(clock.instant());
    try {
      db.insertInto(NURTURE_SEQUENCE).set(NURTURE_SEQUENCE.ID, id).set(NURTURE_SEQUENCE.NAME, p.name())
          .set(NURTURE_SEQUENCE.STATE, p.state().name()).set(NURTURE_SEQUENCE.ENTRY_SEGMENT_ID, p.entrySegmentId())
          .set(NURTURE_SEQUENCE.EXIT_ON, exits(p.exitOn())).set(NURTURE_SEQUENCE.CREATED_AT, now)
          .set(NURTURE_SEQUENCE.CREATED_BY, user.id()).set(NURTURE_SEQUENCE.UPDATED_AT, now).execute();
    } catch (IntegrityConstraintViolationException e) {
      throw InvalidInput.of("name", "a sequence with this name exists");
    }
    writeSteps(id, p.steps());
    return get(id);
  }

  @Transactional
  public Sequence update(UUID id, Map<String, ?> json, @Nullable Long ifMatch, CurrentUser user) {
    NurtureInput.requireMarketer(user, "sequences are run by marketing and administrators");
    Sequence current = get(id);
    if (ifMatch != null && ifMatch != current.version()) {
      throw new StaleVersion(ifMatch, current.version());
    }
    Parsed p = parse(json, current);
    try {
      int n = db.update(NURTURE_SEQUENCE).set(NURTURE_SEQUENCE.NAME, p.name()).set(NURTURE_SEQUENCE.STATE, p.state().name())
          .set(NURTURE_SEQUENCE.ENTRY_SEGMENT_ID, p.entrySegmentId()).set(NURTURE_SEQUENCE.EXIT_ON, exits(p.exitOn()))
          .set(NURTURE_SEQUENCE.UPDATED_AT, ApiTime.truncate(clock.instant()))
          .set(NURTURE_SEQUENCE.VERSION, NURTURE_SEQUENCE.VERSION.plus(1))
          .where(NURTURE_SEQUENCE.ID.eq(id).and(NURTURE_SEQUENCE.VERSION.eq(current.version()))).execute();
      if (n == 0) {
        throw new DomainConflict("concurrent-change", "the sequence changed meanwhile; reload it and try again");
      }
    } catch (IntegrityConstraintViolationException e) {
      throw InvalidInput.of("name", "a sequence with this name exists");
    }
    if (json.containsKey("steps")) {
      db.deleteFrom(NURTURE_SEQUENCE_STEP).where(NURTURE_SEQUENCE_STEP.SEQUENCE_ID.eq(id)).execute();
      writeSteps(id, p.steps());
    }
    return get(id);
  }

  public Sequence get(UUID id) {
    var r = db.selectFrom(NURTURE_SEQUENCE).where(NURTURE_SEQUENCE.ID.eq(id)).fetchOptional()
        .orElseThrow(() -> new NotFound("sequence"));
    List<Sequence.Step> steps = db.selectFrom(NURTURE_SEQUENCE_STEP).where(NURTURE_SEQUENCE_STEP.SEQUENCE_ID.eq(id))
        .orderBy(NURTURE_SEQUENCE_STEP.STEP_NO)
        .fetch(s -> new Sequence.Step(s.getStepNo(), Duration.ofMinutes(s.getDelayMinutes()), s.getTemplateId()));
    Set<Sequence.Exit> exits = EnumSet.noneOf(Sequence.Exit.class);
    for (String e : r.getExitOn().split(",")) {
      if (!e.isBlank()) {
        exits.add(Sequence.Exit.valueOf(e));
      }
    }
    return new Sequence(r.getId(), r.getName(), Sequence.State.valueOf(r.getState()), r.getEntrySegmentId(),
        Set.copyOf(exits), steps, r.getCreatedAt(), r.getUpdatedAt(), r.getVersion());
  }

  public List<Sequence> list() {
    return db.select(NURTURE_SEQUENCE.ID).from(NURTURE_SEQUENCE).orderBy(NURTURE_SEQUENCE.NAME)
        .fetch(NURTURE_SEQUENCE.ID).stream().map(this::get).toList();
  }

  /** Enrols these leads by hand (leads the caller may see, not already in it); answers how many joined. */
  @Transactional
  public int enroll(UUID sequence, Collection<UUID> leadIds, CurrentUser user) {
    NurtureInput.requireMarketer(user, "sequences are run by marketing and administrators");
    Sequence s = get(sequence);
    if (leadIds.isEmpty() || leadIds.size() > 1000) {
      throw InvalidInput.of("leadIds", "from 1 to 1000 lead ids");
    }
    List<UUID> visible = leads.visible(leadIds, user).stream().map(l -> l.id().value()).toList();
    return enroll(s, visible, "MANUAL");
  }

  /** Enrols leads (the engine's entry by segment, and {@link #enroll}); leads already enrolled once are left alone. */
  int enroll(Sequence s, Collection<UUID> leadIds, String via) {
    if (s.steps().isEmpty()) {
      return 0;
    }
    Instant now = ApiTime.truncate(clock.instant());
    int joined = 0;
    for (UUID lead : leadIds) {
      joined += db.insertInto(NURTURE_ENROLLMENT).set(NURTURE_ENROLLMENT.ID, UUID.randomUUID())
          .set(NURTURE_ENROLLMENT.SEQUENCE_ID, s.id()).set(NURTURE_ENROLLMENT.LEAD_ID, lead)
          .set(NURTURE_ENROLLMENT.STATE, "ACTIVE").set(NURTURE_ENROLLMENT.NEXT_STEP, s.steps().get(0).number())
          .set(NURTURE_ENROLLMENT.DUE_AT, now.plus(s.steps().get(0).delay())).set(NURTURE_ENROLLMENT.ENROLLED_AT, now)
          .set(NURTURE_ENROLLMENT.ENROLLED_VIA, via).onConflictDoNothing().execute();
    }
    return joined;
  }

  /** Takes a lead out of a sequence by hand. */
  @Transactional
  public boolean exit(UUID sequence, UUID lead, CurrentUser user) {
    NurtureInput.requireMarketer(user, "sequences are run by marketing and administrators");
    return db.update(NURTURE_ENROLLMENT).set(NURTURE_ENROLLMENT.STATE, "EXITED")
        .set(NURTURE_ENROLLMENT.EXIT_REASON, Sequence.Exit.MANUAL.name())
        .set(NURTURE_ENROLLMENT.FINISHED_AT, ApiTime.truncate(clock.instant())).setNull(NURTURE_ENROLLMENT.DUE_AT)
        .where(NURTURE_ENROLLMENT.SEQUENCE_ID.eq(sequence)).and(NURTURE_ENROLLMENT.LEAD_ID.eq(lead))
        .and(NURTURE_ENROLLMENT.STATE.eq("ACTIVE")).execute() == 1;
  }

  /** A visible lead's enrolments, newest first. */
  @Transactional(readOnly = true)
  public List<Enrollment> ofLead(UUID lead, CurrentUser user) {
    leads.get(new LeadId(lead), user);
    return db.select(NURTURE_ENROLLMENT.fields()).select(NURTURE_SEQUENCE.NAME).from(NURTURE_ENROLLMENT)
        .join(NURTURE_SEQUENCE).on(NURTURE_SEQUENCE.ID.eq(NURTURE_ENROLLMENT.SEQUENCE_ID))
        .where(NURTURE_ENROLLMENT.LEAD_ID.eq(lead)).orderBy(NURTURE_ENROLLMENT.ENROLLED_AT.desc())
        .fetch(r -> new Enrollment(r.get(NURTURE_ENROLLMENT.ID), r.get(NURTURE_ENROLLMENT.SEQUENCE_ID),
            r.get(NURTURE_SEQUENCE.NAME), lead, r.get(NURTURE_ENROLLMENT.STATE), r.get(NURTURE_ENROLLMENT.NEXT_STEP),
            r.get(NURTURE_ENROLLMENT.DUE_AT), r.get(NURTURE_ENROLLMENT.ENROLLED_AT), r.get(NURTURE_ENROLLMENT.ENROLLED_VIA),
            r.get(NURTURE_ENROLLMENT.FINISHED_AT), r.get(NURTURE_ENROLLMENT.EXIT_REASON),
            r.get(NURTURE_ENROLLMENT.STEPS_SENT)));
  }

  private record Parsed(String name, Sequence.State state, @Nullable UUID entrySegmentId, Set<Sequence.Exit> exitOn,
      List<Sequence.Step> steps) {}

  private Parsed parse(Map<String, ?> json, @Nullable Sequence current) {
    List<FieldProblem> problems = new ArrayList<>();
    for (String k : json.keySet()) {
      if (!FIELDS.contains(k)) {
        problems.add(new FieldProblem(k, "unknown field; one of " + FIELDS));
      }
    }
    String name = current == null ? "" : current.name();
    if (current == null || json.containsKey("name")) {
      name = NurtureInput.name(json.get("name"), problems);
    }
    Sequence.State state = current == null ? Sequence.State.PAUSED : current.state();
    if (json.get("state") != null) {
      try {
        state = Sequence.State.valueOf(String.valueOf(json.get("state")).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("state", "ACTIVE or PAUSED"));
      }
    }
    UUID segment = current == null ? null : current.entrySegmentId();
    if (json.containsKey("entrySegmentId")) {
      segment = null;
      Object raw = json.get("entrySegmentId");
      if (raw != null) {
        try {
          segment = UUID.fromString(String.valueOf(raw));
          if (!db.fetchExists(SEGMENT, SEGMENT.ID.eq(segment))) {
            problems.add(new FieldProblem("entrySegmentId", "no such segment"));
          }
        } catch (IllegalArgumentException e) {
          problems.add(new FieldProblem("entrySegmentId", "a segment id"));
        }
      }
    }
    Set<Sequence.Exit> exits = current == null ? EnumSet.of(Sequence.Exit.REPLIED, Sequence.Exit.CONVERTED,
        Sequence.Exit.DEAD) : current.exitOn();
    if (json.containsKey("exitOn")) {
      exits = EnumSet.noneOf(Sequence.Exit.class);
      if (!(json.get("exitOn") instanceof List<?> list)) {
        problems.add(new FieldProblem("exitOn", "a list of " + Sequence.OPTIONAL_EXITS));
      } else {
        for (Object e : list) {
          try {
            Sequence.Exit exit = Sequence.Exit.valueOf(String.valueOf(e).toUpperCase(Locale.ROOT));
            if (!Sequence.OPTIONAL_EXITS.contains(exit)) {
              throw new IllegalArgumentException();
            }
            exits.add(exit);
          } catch (IllegalArgumentException x) {
            problems.add(new FieldProblem("exitOn", "one of " + Sequence.OPTIONAL_EXITS + " (the others always apply)"));
          }
        }
      }
    }
    List<Sequence.Step> steps = current == null ? List.of() : current.steps();
    if (json.containsKey("steps") || current == null) {
      steps = steps(json.get("steps"), problems);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return new Parsed(name, state, segment, Set.copyOf(exits), steps);
  }

  private List<Sequence.Step> steps(@Nullable Object raw, List<FieldProblem> problems) {
    if (!(raw instanceof List<?> list) || list.isEmpty() || list.size() > MAX_STEPS) {
      problems.add(new FieldProblem("steps", "from 1 to " + MAX_STEPS + " steps {\"delay\": \"P3D\", \"templateId\"}"));
      return List.of();
    }
    List<Sequence.Step> steps = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "steps[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        problems.add(new FieldProblem(at, "an object with delay and templateId"));
        continue;
      }
      Duration delay = null;
      try {
        delay = Duration.parse(String.valueOf(m.get("delay") == null ? "PT0S" : m.get("delay")));
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
          problems.add(new FieldProblem(at + ".delay", "from PT0S to P366D"));
          delay = null;
        }
      } catch (DateTimeParseException e) {
        problems.add(new FieldProblem(at + ".delay", "an ISO duration such as PT30M or P3D"));
      }
      UUID template = null;
      try {
        template = UUID.fromString(String.valueOf(m.get("templateId")));
        if (!db.fetchExists(EMAIL_TEMPLATE, EMAIL_TEMPLATE.ID.eq(template))) {
          problems.add(new FieldProblem(at + ".templateId", "no such template"));
          template = null;
        }
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem(at + ".templateId", "a template id"));
      }
      if (delay != null && template != null) {
        steps.add(new Sequence.Step(i + 1, delay, template));
      }
    }
    return List.copyOf(steps);
  }

  private static String exits(Set<Sequence.Exit> exits) {
    return exits.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  private void writeSteps(UUID id, List<Sequence.Step> steps) {
    for (Sequence.Step s : steps) {
      db.insertInto(NURTURE_SEQUENCE_STEP).set(NURTURE_SEQUENCE_STEP.SEQUENCE_ID, id)
          .set(NURTURE_SEQUENCE_STEP.STEP_NO, s.number()).set(NURTURE_SEQUENCE_STEP.DELAY_MINUTES, (int) s.delay().toMinutes())
          .set(NURTURE_SEQUENCE_STEP.TEMPLATE_ID, s.templateId()).execute();
    }
  }
}
