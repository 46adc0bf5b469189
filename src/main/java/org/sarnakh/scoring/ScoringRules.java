package org.sarnakh.scoring;

import static org.sarnakh.platform.db.Tables.SCORING_RULE;
import static org.sarnakh.platform.db.Tables.SCORING_RULE_VERSION;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.text.TextKeys;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scoring rules marketing and sales agreed on (S1.1): created, changed and switched off by
 * marketing and administrators; every saved state is a version of its own, kept for good, so a
 * score's explanation always names the rule as it was when it counted.
 */
@Service
public class ScoringRules {

  /** A rule as stored: the current version, whether it counts, and when it was last saved. */
  public record Stored(ScoringRule rule, boolean active, Instant updatedAt) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final DSLContext db;
  private final Clock clock;

  ScoringRules(DSLContext db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The active rules at their current versions: what scoring applies. */
  public List<ScoringRule> active() {
    return db.selectFrom(SCORING_RULE).where(SCORING_RULE.ACTIVE.isTrue()).orderBy(SCORING_RULE.CREATED_AT)
        .fetch(r -> rule(r)).stream().toList();
  }

  public List<Stored> list() {
    return db.selectFrom(SCORING_RULE).orderBy(SCORING_RULE.CREATED_AT)
        .fetch(r -> new Stored(rule(r), r.getActive(), r.getUpdatedAt()));
  }

  public Stored get(UUID id) {
    return db.selectFrom(SCORING_RULE).where(SCORING_RULE.ID.eq(id))
        .fetchOptional(r -> new Stored(rule(r), r.getActive(), r.getUpdatedAt())).orElseThrow(() -> new NotFound("rule"));
  }

  /** Every saved version of a rule, newest first. */
  public List<Stored> versions(UUID id) {
    get(id);
    return db.selectFrom(SCORING_RULE_VERSION).where(SCORING_RULE_VERSION.RULE_ID.eq(id))
        .orderBy(SCORING_RULE_VERSION.VERSION.desc())
        .fetch(r -> new Stored(rule(r), r.getActive(), r.getSavedAt()));
  }

  @Transactional
  public Stored create(Map<String, ?> json, CurrentUser user) {
    Draft d = Draft.of(json, null);
    UUID id = UUID.randomUUID();
    Instant now = ApiTime.truncate(clock.instant());
    db.insertInto(SCORING_RULE).set(SCORING_RULE.ID, id).set(SCORING_RULE.VERSION, 1).set(SCORING_RULE.NAME, d.name())
        .set(SCORING_RULE.AXIS, d.axis().name()).set(SCORING_RULE.POINTS, d.points()).set(SCORING_RULE.RULE_CAP, d.cap())
        .set(SCORING_RULE.DEFINITION, JSON.writeValueAsString(RuleDefinitions.write(d.condition())))
        .set(SCORING_RULE.ACTIVE, d.active()).set(SCORING_RULE.CREATED_AT, now).set(SCORING_RULE.UPDATED_AT, now)
        .execute();
    keepVersion(id, 1, d, now, user);
    return get(id);
  }

  /**
   * Saves a new version. {@code expectedVersion} (the version the editor started from) must be
   * current, so two people editing one rule do not overwrite each other unseen.
   */
  @Transactional
  public Stored update(UUID id, Map<String, ?> json, @Nullable Integer expectedVersion, CurrentUser user) {
    Stored current = get(id);
    if (expectedVersion != null && expectedVersion != current.rule().version()) {
      throw new org.sarnakh.platform.StaleVersion(expectedVersion, current.rule().version());
    }
    Draft d = Draft.of(json, current);
    int next = current.rule().version() + 1;
    Instant now = ApiTime.truncate(clock.instant());
    int n = db.update(SCORING_RULE).set(SCORING_RULE.VERSION, next).set(SCORING_RULE.NAME, d.name())
        .set(SCORING_RULE.AXIS, d.axis().name()).set(SCORING_RULE.POINTS, d.points()).set(SCORING_RULE.RULE_CAP, d.cap())
        .set(SCORING_RULE.DEFINITION, JSON.writeValueAsString(RuleDefinitions.write(d.condition())))
        .set(SCORING_RULE.ACTIVE, d.active()).set(SCORING_RULE.UPDATED_AT, now)
        .where(SCORING_RULE.ID.eq(id).and(SCORING_RULE.VERSION.eq(current.rule().version()))).execute();
    if (n == 0) {
      throw new org.sarnakh.platform.DomainConflict("concurrent-change", "the rule changed meanwhile; reload it");
    }
    keepVersion(id, next, d, now, user);
    return get(id);
  }

  private void keepVersion(UUID id, int version, Draft d, Instant now, CurrentUser user) {
    db.insertInto(SCORING_RULE_VERSION).set(SCORING_RULE_VERSION.RULE_ID, id).set(SCORING_RULE_VERSION.VERSION, version)
        .set(SCORING_RULE_VERSION.NAME, d.name()).set(SCORING_RULE_VERSION.AXIS, d.axis().name())
        .set(SCORING_RULE_VERSION.POINTS, d.points()).set(SCORING_RULE_VERSION.RULE_CAP, d.cap())
        .set(SCORING_RULE_VERSION.DEFINITION, JSON.writeValueAsString(RuleDefinitions.write(d.condition())))
        .set(SCORING_RULE_VERSION.ACTIVE, d.active()).set(SCORING_RULE_VERSION.SAVED_AT, now)
        .set(SCORING_RULE_VERSION.SAVED_BY, user.id()).execute();
  }

  private static ScoringRule rule(Record r) {
    Axis axis = Axis.valueOf(r.get("axis", String.class));
    Map<String, Object> definition = JSON.readValue(r.get("definition", String.class), OBJECT);
    UUID id = r.field("rule_id") != null ? r.get("rule_id", UUID.class) : r.get("id", UUID.class);
    return new ScoringRule(id, r.get("version", Integer.class), r.get("name", String.class), axis,
        r.get("points", Integer.class), r.get("rule_cap", Integer.class), RuleDefinitions.parse(axis, definition));
  }

  /**
   * Unsaved rules for a backtest, checked as a save would check them; problems name the rule by its
   * place ({@code rules[2].points}). Inactive drafts are left out.
   */
  public static List<ScoringRule> drafts(List<?> json) {
    List<FieldProblem> problems = new ArrayList<>();
    List<ScoringRule> out = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      if (!(json.get(i) instanceof Map<?, ?> m)) {
        problems.add(new FieldProblem("rules[" + i + "]", "a rule object as POST /api/v1/scoring/rules takes"));
        continue;
      }
      try {
        @SuppressWarnings("unchecked")
        Draft d = Draft.of((Map<String, ?>) m, null);
        if (d.active()) {
          out.add(new ScoringRule(UUID.nameUUIDFromBytes(("draft-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
              1, d.name(), d.axis(), d.points(), d.cap(), d.condition()));
        }
      } catch (InvalidInput e) {
        for (FieldProblem p : e.problems()) {
          problems.add(new FieldProblem("rules[" + i + "]." + p.field(), p.message()));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return out;
  }

  /** A rule as submitted, checked field by field; on update, absent fields keep the current values. */
  record Draft(String name, Axis axis, int points, @Nullable Integer cap, ScoringRule.Condition condition,
      boolean active) {

    static Draft of(Map<String, ?> json, @Nullable Stored current) {
      List<FieldProblem> problems = new ArrayList<>();
      for (String key : json.keySet()) {
        if (!List.of("name", "axis", "points", "cap", "condition", "active").contains(key)) {
          problems.add(new FieldProblem(key, "unknown field"));
        }
      }
      String name = json.containsKey("name") ? String.valueOf(json.get("name")).strip()
          : current == null ? "" : current.rule().name();
      if (name.isEmpty() || name.length() > 200 || TextKeys.hasForbiddenControls(name)) {
        problems.add(new FieldProblem("name", "required, at most 200 characters, no control characters"));
      }
      Axis axis = current == null ? null : current.rule().axis();
      if (json.containsKey("axis")) {
        try {
          axis = Axis.valueOf(String.valueOf(json.get("axis")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          problems.add(new FieldProblem("axis", "FIT or ENGAGEMENT"));
        }
      } else if (axis == null) {
        problems.add(new FieldProblem("axis", "required: FIT or ENGAGEMENT"));
      }
      Integer points = json.containsKey("points") ? integer(json.get("points")) : current == null ? null
          : Integer.valueOf(current.rule().points());
      if (points == null || points == 0 || Math.abs(points) > 1000) {
        problems.add(new FieldProblem("points", "a whole number from -1000 to 1000, not 0"));
      }
      Integer cap = json.containsKey("cap") ? (json.get("cap") == null ? null : integer(json.get("cap")))
          : current == null ? null : current.rule().cap();
      if (json.get("cap") != null && (cap == null || cap < 1 || cap > 100_000)) {
        problems.add(new FieldProblem("cap", "a whole number from 1 to 100000, or null for none"));
      }
      boolean active = json.containsKey("active") ? Boolean.TRUE.equals(json.get("active"))
          : current == null || current.active();
      ScoringRule.Condition condition = null;
      if (axis != null) {
        Object given = json.containsKey("condition") ? json.get("condition")
            : current != null && current.rule().axis() == axis ? RuleDefinitions.write(current.rule().condition()) : null;
        try {
          condition = RuleDefinitions.parse(axis, given);
        } catch (InvalidInput e) {
          problems.addAll(e.problems());
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidInput(problems);
      }
      return new Draft(name, axis, points, cap, condition, active);
    }

    private static @Nullable Integer integer(@Nullable Object v) {
      return v instanceof Integer i ? i : v instanceof Long l && Math.abs(l) < Integer.MAX_VALUE ? (Integer) l.intValue() : null;
    }
  }
}
