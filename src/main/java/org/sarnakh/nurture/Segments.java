package org.sarnakh.nurture;

import static org.sarnakh.platform.db.Tables.SEGMENT;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.StaleVersion;
import org.sarnakh.platform.db.tables.records.SegmentRecord;
import org.sarnakh.platform.jobs.Jobs;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Segments: create, edit, delete, list; static list membership by hand; previews of a definition.
 * Creating or redefining a dynamic segment queues its full evaluation ({@link SegmentBuild}); live
 * changes keep it current from then on ({@link SegmentMembership}).
 */
@Service
public class Segments {

  static final int MAX_IDS = 10_000;
  static final int MAX_SEGMENTS = 500;
  private static final Set<String> FIELDS = Set.of("name", "kind", "definition");

  private final DSLContext db;
  private final Clock clock;
  private final Jobs jobs;
  private final SegmentEvaluation evaluation;
  private final SegmentCache cache;

  Segments(DSLContext db, Clock clock, Jobs jobs, SegmentEvaluation evaluation, SegmentCache cache) {
    this.db = db;
    this.clock = clock;
    this.jobs = jobs;
    this.evaluation = evaluation;
    this.cache = cache;
  }

  /** Who may define segments and lists: administrators and marketing. */
  static void requireEditor(CurrentUser user) {
    NurtureInput.requireMarketer(user, "segments are defined by marketing and administrators");
  }

  /** Who may put leads in static lists and take them out: also sales managers (call lists). */
  static void requireListKeeper(CurrentUser user) {
    if (user.is(Role.SALES_REP)) {
      throw new AccessDeniedException("sales reps cannot change lists");
    }
  }

  @Transactional
  public Segment create(Map<String, ?> json, CurrentUser user) {
    requireEditor(user);
    List<FieldProblem> problems = new ArrayList<>();
    unknown(json, problems);
    String name = NurtureInput.name(json.get("name"), problems);
    SegmentKind kind = kind(json.get("kind"), problems);
    SegmentDefinition definition = definition(kind, json, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    if (db.fetchCount(SEGMENT) >= MAX_SEGMENTS) {
      throw new DomainConflict("too-many-segments", "at most " + MAX_SEGMENTS + " segments; delete unused ones first");
    }
    UUID id = UUID.randomUUID();
    Instant now = ApiTime.truncate(clock.instant());
    UUID job = definition == null ? null : jobs.submit(SegmentBuild.KIND, id.toString(), user.id());
    try {
      db.insertInto(SEGMENT).set(SEGMENT.ID, id).set(SEGMENT.NAME, name).set(SEGMENT.KIND, kind.name())
          .set(SEGMENT.DEFINITION, definition == null ? null : definition.toJson())
          .set(SEGMENT.STATE, job == null ? Segment.READY : Segment.BUILDING).set(SEGMENT.JOB_ID, job)
          .set(SEGMENT.CREATED_AT, now).set(SEGMENT.CREATED_BY, user.id()).set(SEGMENT.UPDATED_AT, now).execute();
    } catch (IntegrityConstraintViolationException e) {
      throw InvalidInput.of("name", "a segment with this name exists");
    }
    cache.changed();
    return get(id);
  }

  /** Renames, or redefines a dynamic segment (its members are then evaluated again). */
  @Transactional
  public Segment update(UUID id, Map<String, ?> json, @Nullable Long ifMatch, CurrentUser user) {
    requireEditor(user);
    Segment s = get(id);
    if (ifMatch != null && ifMatch != s.version()) {
      throw new StaleVersion(ifMatch, s.version());
    }
    List<FieldProblem> problems = new ArrayList<>();
    unknown(json, problems);
    if (json.containsKey("kind") && !String.valueOf(json.get("kind")).equalsIgnoreCase(s.kind().name())) {
      problems.add(new FieldProblem("kind", "cannot change; make a new segment"));
    }
    String name = json.containsKey("name") ? NurtureInput.name(json.get("name"), problems) : s.name();
    SegmentDefinition definition = json.containsKey("definition") ? definition(s.kind(), json, problems) : s.definition();
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    boolean redefined = s.dynamic() && definition != null && !definition.equals(s.definition());
    UUID job = redefined ? jobs.submit(SegmentBuild.KIND, id.toString(), user.id()) : s.jobId();
    var update = db.update(SEGMENT).set(SEGMENT.NAME, name).set(SEGMENT.UPDATED_AT, ApiTime.truncate(clock.instant()))
        .set(SEGMENT.VERSION, SEGMENT.VERSION.plus(1));
    if (redefined) {
      update = update.set(SEGMENT.DEFINITION, definition.toJson()).set(SEGMENT.STATE, Segment.BUILDING)
          .set(SEGMENT.JOB_ID, job);
    }
    try {
      int n = update.where(SEGMENT.ID.eq(id).and(SEGMENT.VERSION.eq(s.version()))).execute();
      if (n == 0) {
        throw new DomainConflict("concurrent-change", "the segment changed meanwhile; reload it and try again");
      }
    } catch (IntegrityConstraintViolationException e) {
      throw InvalidInput.of("name", "a segment with this name exists");
    }
    cache.changed();
    return get(id);
  }

  @Transactional
  public void delete(UUID id, CurrentUser user) {
    requireEditor(user);
    if (db.deleteFrom(SEGMENT).where(SEGMENT.ID.eq(id)).execute() == 0) {
      throw new NotFound("segment");
    }
    cache.changed();
  }

  public Segment get(UUID id) {
    return db.selectFrom(SEGMENT).where(SEGMENT.ID.eq(id)).fetchOptional(Segments::toSegment)
        .orElseThrow(() -> new NotFound("segment"));
  }

  /** Every segment by name (there are at most {@value #MAX_SEGMENTS}). */
  public List<Segment> list() {
    return db.selectFrom(SEGMENT).orderBy(SEGMENT.NAME, SEGMENT.ID).fetch(Segments::toSegment);
  }

  /** Puts leads in a static list; returns how many joined (live leads not yet in it). */
  @Transactional
  public int addMembers(UUID id, Collection<UUID> leads, CurrentUser user) {
    return changeMembers(id, leads, user, true);
  }

  @Transactional
  public int removeMembers(UUID id, Collection<UUID> leads, CurrentUser user) {
    return changeMembers(id, leads, user, false);
  }

  private int changeMembers(UUID id, Collection<UUID> leads, CurrentUser user, boolean add) {
    requireListKeeper(user);
    Segment s = get(id);
    if (s.dynamic()) {
      throw new DomainConflict("dynamic-segment", "a dynamic segment's members follow its definition; edit that instead");
    }
    if (leads.isEmpty() || leads.size() > MAX_IDS) {
      throw InvalidInput.of("leadIds", "from 1 to " + MAX_IDS + " lead ids");
    }
    Instant now = ApiTime.truncate(clock.instant());
    return add ? evaluation.add(id, Set.copyOf(leads), now) : evaluation.remove(id, Set.copyOf(leads));
  }

  /** What a definition would hold now: count and the first leads by id, nothing stored. */
  @Transactional(readOnly = true)
  public Preview preview(@Nullable Object definition, CurrentUser user) {
    requireEditor(user);
    SegmentDefinition d = SegmentDefinition.parse(definition);
    Instant now = clock.instant();
    return new Preview(d, evaluation.countMatching(d, now), evaluation.sampleMatching(d, now, 20));
  }

  public record Preview(SegmentDefinition definition, long count, List<UUID> sample) {}

  private static void unknown(Map<String, ?> json, List<FieldProblem> problems) {
    for (String k : json.keySet()) {
      if (!FIELDS.contains(k)) {
        problems.add(new FieldProblem(k, "unknown field; one of " + FIELDS));
      }
    }
  }

  private static SegmentKind kind(@Nullable Object raw, List<FieldProblem> problems) {
    try {
      return SegmentKind.valueOf(String.valueOf(raw).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem("kind", "STATIC or DYNAMIC"));
      return SegmentKind.STATIC;
    }
  }

  private static @Nullable SegmentDefinition definition(SegmentKind kind, Map<String, ?> json, List<FieldProblem> problems) {
    if (kind == SegmentKind.STATIC) {
      if (json.get("definition") != null) {
        problems.add(new FieldProblem("definition", "a static list has no definition"));
      }
      return null;
    }
    try {
      return SegmentDefinition.parse(json.get("definition"));
    } catch (InvalidInput e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  static Segment toSegment(SegmentRecord r) {
    return new Segment(r.getId(), r.getName(), SegmentKind.valueOf(r.getKind()),
        r.getDefinition() == null ? null : SegmentDefinition.fromJson(r.getDefinition()), r.getMemberCount(),
        r.getState(), r.getJobId(), r.getEvaluatedAt(), r.getCreatedAt(), r.getUpdatedAt(), r.getVersion());
  }
}
