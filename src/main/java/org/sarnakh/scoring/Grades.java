package org.sarnakh.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;

/**
 * Optional grade bands: a letter for fit and a digit for engagement (A1 is a good fit that is
 * engaged now, D3 neither), so a rep reads both axes at a glance. Bands go from the highest
 * minimum down; the last band has no minimum and takes everything below the others.
 */
public record Grades(List<Band> fit, List<Band> engagement) {

  /** A grade and the lowest rounded score on its axis that earns it; null for the last band. */
  public record Band(String grade, @Nullable Integer min) {}

  public static final Grades NONE = new Grades(List.of(), List.of());

  static final int MAX_BANDS = 10;

  public Grades {
    fit = List.copyOf(fit);
    engagement = List.copyOf(engagement);
  }

  public boolean enabled() {
    return !fit.isEmpty() || !engagement.isEmpty();
  }

  /** The grade of these rounded scores, e.g. {@code A2}; null when no bands are set. */
  public @Nullable String of(int fitScore, int engagementScore) {
    if (!enabled()) {
      return null;
    }
    return band(fit, fitScore) + band(engagement, engagementScore);
  }

  private static String band(List<Band> bands, int score) {
    for (Band b : bands) {
      if (b.min() == null || score >= b.min()) {
        return b.grade();
      }
    }
    return "";
  }

  /** {@code {"fit": [{"grade": "A", "min": 80}, …, {"grade": "D"}], "engagement": […]}} or null for none. */
  public static Grades parse(@Nullable Object json) {
    if (json == null) {
      return NONE;
    }
    if (!(json instanceof Map<?, ?> map)) {
      throw InvalidInput.of("grades", "an object with fit and engagement bands, or null");
    }
    List<FieldProblem> problems = new ArrayList<>();
    for (Object key : map.keySet()) {
      if (!"fit".equals(key) && !"engagement".equals(key)) {
        problems.add(new FieldProblem("grades." + key, "unknown field"));
      }
    }
    List<Band> fit = bands(map.get("fit"), "grades.fit", problems);
    List<Band> engagement = bands(map.get("engagement"), "grades.engagement", problems);
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return new Grades(fit, engagement);
  }

  private static List<Band> bands(@Nullable Object json, String field, List<FieldProblem> problems) {
    if (json == null) {
      return List.of();
    }
    if (!(json instanceof List<?> list) || list.size() < 2 || list.size() > MAX_BANDS) {
      problems.add(new FieldProblem(field, "a list of 2 to " + MAX_BANDS + " bands, highest first"));
      return List.of();
    }
    List<Band> out = new ArrayList<>();
    Integer previous = null;
    for (int i = 0; i < list.size(); i++) {
      String at = field + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> b)) {
        problems.add(new FieldProblem(at, "an object {\"grade\": \"A\", \"min\": 80}"));
        return List.of();
      }
      String grade = b.get("grade") == null ? "" : String.valueOf(b.get("grade")).strip();
      if (!grade.matches("[\\p{L}\\p{Nd}+-]{1,3}")) {
        problems.add(new FieldProblem(at + ".grade", "1 to 3 letters or digits"));
      } else if (out.stream().anyMatch(o -> o.grade().equals(grade))) {
        problems.add(new FieldProblem(at + ".grade", "each grade once"));
      }
      boolean last = i == list.size() - 1;
      Integer min = null;
      if (!last) {
        if (!(b.get("min") instanceof Integer m) || m < -100_000 || m > 100_000) {
          problems.add(new FieldProblem(at + ".min", "a whole score; the last band alone has none"));
          return List.of();
        }
        if (previous != null && m >= previous) {
          problems.add(new FieldProblem(at + ".min", "lower than the band before it"));
        }
        min = m;
        previous = m;
      } else if (b.get("min") != null) {
        problems.add(new FieldProblem(at + ".min", "the last band takes every lower score and has no minimum"));
      }
      out.add(new Band(grade, min));
    }
    return out;
  }

  /** The bands as the API shows and stores them. */
  public @Nullable Map<String, Object> write() {
    if (!enabled()) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fit", fit.stream().map(Grades::write).toList());
    m.put("engagement", engagement.stream().map(Grades::write).toList());
    return m;
  }

  private static Map<String, Object> write(Band b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("grade", b.grade());
    if (b.min() != null) {
      m.put("min", b.min());
    }
    return m;
  }
}
