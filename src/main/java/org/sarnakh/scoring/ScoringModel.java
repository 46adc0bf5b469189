package org.sarnakh.scoring;

import static org.sarnakh.platform.db.Tables.SCORING_SETTING;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model's settings (half-life, axis caps, MQL threshold and re-arm score, grade bands, the
 * reps' daily digest), one row, changed by marketing.
 */
@Service
public class ScoringModel {

  /** Whether reps get their priorities by email each morning, and at what time of their own zone. */
  public record Digest(boolean enabled, LocalTime at) {}

  static final List<String> FIELDS = List.of("halfLifeDays", "fitCap", "engagementCap", "mqlThreshold", "rearmBelow",
      "grades", "digestEnabled", "digestAt");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final DSLContext db;

  ScoringModel(DSLContext db) {
    this.db = db;
  }

  public Grades grades() {
    String stored = db.select(SCORING_SETTING.GRADES).from(SCORING_SETTING).where(SCORING_SETTING.ID.eq(1))
        .fetchSingle(SCORING_SETTING.GRADES);
    return stored == null ? Grades.NONE : Grades.parse(JSON.readValue(stored, Object.class));
  }

  public Digest digest() {
    var r = db.select(SCORING_SETTING.DIGEST_ENABLED, SCORING_SETTING.DIGEST_AT).from(SCORING_SETTING)
        .where(SCORING_SETTING.ID.eq(1)).fetchSingle();
    return new Digest(r.value1(), LocalTime.parse(r.value2()));
  }

  public ScoreSettings settings() {
    var r = db.selectFrom(SCORING_SETTING).where(SCORING_SETTING.ID.eq(1)).fetchSingle();
    return new ScoreSettings(Duration.ofHours(r.getHalfLifeHours()), r.getFitCap(), r.getEngagementCap(),
        r.getMqlThreshold(), r.getRearmBelow());
  }

  /** A merge patch of the fields of {@link #FIELDS}; refused as a whole when any is wrong. */
  @Transactional
  public ScoreSettings update(Map<String, ?> patch) {
    ScoreSettings s = settings();
    List<FieldProblem> problems = new ArrayList<>();
    for (String key : patch.keySet()) {
      if (!FIELDS.contains(key)) {
        problems.add(new FieldProblem(key, "unknown field"));
      }
    }
    long halfLifeHours = patch.containsKey("halfLifeDays") ? hours(patch.get("halfLifeDays"), problems) : s.halfLife().toHours();
    Integer fitCap = patch.containsKey("fitCap") ? cap(patch.get("fitCap"), "fitCap", problems) : s.fitCap();
    Integer engagementCap = patch.containsKey("engagementCap") ? cap(patch.get("engagementCap"), "engagementCap", problems)
        : s.engagementCap();
    int threshold = patch.containsKey("mqlThreshold") ? whole(patch.get("mqlThreshold"), "mqlThreshold", problems)
        : s.mqlThreshold();
    int rearm = patch.containsKey("rearmBelow") ? whole(patch.get("rearmBelow"), "rearmBelow", problems) : s.rearmBelow();
    Grades grades = grades();
    if (patch.containsKey("grades")) {
      try {
        grades = Grades.parse(patch.get("grades"));
      } catch (InvalidInput e) {
        problems.addAll(e.problems());
      }
    }
    Digest digest = digest();
    if (patch.containsKey("digestEnabled")) {
      if (patch.get("digestEnabled") instanceof Boolean b) {
        digest = new Digest(b, digest.at());
      } else {
        problems.add(new FieldProblem("digestEnabled", "true or false"));
      }
    }
    if (patch.containsKey("digestAt")) {
      try {
        digest = new Digest(digest.enabled(), LocalTime.parse(String.valueOf(patch.get("digestAt"))).withSecond(0).withNano(0));
      } catch (DateTimeParseException e) {
        problems.add(new FieldProblem("digestAt", "a time of day such as 08:00"));
      }
    }
    if (problems.isEmpty() && rearm > threshold) {
      problems.add(new FieldProblem("rearmBelow", "at most the MQL threshold, so a lead must cool down before it can alert again"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    db.update(SCORING_SETTING).set(SCORING_SETTING.HALF_LIFE_HOURS, (int) halfLifeHours)
        .set(SCORING_SETTING.FIT_CAP, fitCap).set(SCORING_SETTING.ENGAGEMENT_CAP, engagementCap)
        .set(SCORING_SETTING.MQL_THRESHOLD, threshold).set(SCORING_SETTING.REARM_BELOW, rearm)
        .set(SCORING_SETTING.GRADES, grades.enabled() ? JSON.writeValueAsString(grades.write()) : null)
        .set(SCORING_SETTING.DIGEST_ENABLED, digest.enabled()).set(SCORING_SETTING.DIGEST_AT, digest.at().toString())
        .set(SCORING_SETTING.VERSION, SCORING_SETTING.VERSION.plus(1)).where(SCORING_SETTING.ID.eq(1)).execute();
    return settings();
  }

  private static long hours(@Nullable Object v, List<FieldProblem> problems) {
    if (v instanceof Number n && n.doubleValue() >= 0.5 && n.doubleValue() <= 3650) {
      return Math.round(n.doubleValue() * 24);
    }
    problems.add(new FieldProblem("halfLifeDays", "a number of days from 0.5 to 3650"));
    return 24;
  }

  private static @Nullable Integer cap(@Nullable Object v, String field, List<FieldProblem> problems) {
    if (v == null) {
      return null;
    }
    if (v instanceof Integer i && i > 0 && i <= 100_000) {
      return i;
    }
    problems.add(new FieldProblem(field, "a whole number from 1 to 100000, or null for none"));
    return null;
  }

  private static int whole(@Nullable Object v, String field, List<FieldProblem> problems) {
    if (v instanceof Integer i && Math.abs(i) <= 100_000) {
      return i;
    }
    problems.add(new FieldProblem(field, "a whole number"));
    return 0;
  }
}
