package org.sarnakh.scoring;

import static org.sarnakh.platform.db.Tables.SCORING_SETTING;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The model's settings (half-life, axis caps, MQL threshold and re-arm score), one row, changed by marketing. */
@Service
public class ScoringModel {

  private final DSLContext db;

  ScoringModel(DSLContext db) {
    this.db = db;
  }

  public ScoreSettings settings() {
    var r = db.selectFrom(SCORING_SETTING).where(SCORING_SETTING.ID.eq(1)).fetchSingle();
    return new ScoreSettings(Duration.ofHours(r.getHalfLifeHours()), r.getFitCap(), r.getEngagementCap(),
        r.getMqlThreshold(), r.getRearmBelow());
  }

  /** A merge patch of {@code halfLifeDays}, {@code fitCap}, {@code engagementCap}, {@code mqlThreshold}, {@code rearmBelow}. */
  @Transactional
  public ScoreSettings update(Map<String, ?> patch) {
    ScoreSettings s = settings();
    List<FieldProblem> problems = new ArrayList<>();
    for (String key : patch.keySet()) {
      if (!List.of("halfLifeDays", "fitCap", "engagementCap", "mqlThreshold", "rearmBelow").contains(key)) {
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
    if (problems.isEmpty() && rearm > threshold) {
      problems.add(new FieldProblem("rearmBelow", "at most the MQL threshold, so a lead must cool down before it can alert again"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    db.update(SCORING_SETTING).set(SCORING_SETTING.HALF_LIFE_HOURS, (int) halfLifeHours)
        .set(SCORING_SETTING.FIT_CAP, fitCap).set(SCORING_SETTING.ENGAGEMENT_CAP, engagementCap)
        .set(SCORING_SETTING.MQL_THRESHOLD, threshold).set(SCORING_SETTING.REARM_BELOW, rearm)
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
