package org.sarnakh.scoring.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.web.FormErrors;
import org.sarnakh.scoring.Grades;
import org.sarnakh.scoring.ScoreSettings;
import org.sarnakh.scoring.ScoringModel;
import org.springframework.util.MultiValueMap;

/**
 * The model's settings form: the API's fields, with grade bands typed as {@code A 80, B 50, C}
 * (a grade and its lowest score, highest first; the last without a score).
 */
final class SettingsForm {

  static final List<String> INPUTS = List.of("halfLifeDays", "fitCap", "engagementCap", "mqlThreshold", "rearmBelow",
      "gradesFit", "gradesEngagement", "digestEnabled", "digestAt");

  private SettingsForm() {}

  static Map<String, String> of(ScoringModel model) {
    ScoreSettings s = model.settings();
    Grades g = model.grades();
    ScoringModel.Digest d = model.digest();
    Map<String, String> m = new LinkedHashMap<>();
    double days = s.halfLife().toHours() / 24.0;
    m.put("halfLifeDays", days == Math.rint(days) ? String.valueOf((long) days) : String.valueOf(days));
    m.put("fitCap", s.fitCap() == null ? "" : String.valueOf(s.fitCap()));
    m.put("engagementCap", s.engagementCap() == null ? "" : String.valueOf(s.engagementCap()));
    m.put("mqlThreshold", String.valueOf(s.mqlThreshold()));
    m.put("rearmBelow", String.valueOf(s.rearmBelow()));
    m.put("gradesFit", text(g.fit()));
    m.put("gradesEngagement", text(g.engagement()));
    m.put("digestEnabled", String.valueOf(d.enabled()));
    m.put("digestAt", d.at().toString());
    return m;
  }

  static Map<String, String> values(MultiValueMap<String, String> form) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String input : INPUTS) {
      String v = form.getFirst(input);
      m.put(input, v == null ? "" : v.strip());
    }
    m.put("digestEnabled", String.valueOf(form.containsKey("digestEnabled")));
    return m;
  }

  static Map<String, Object> patch(Map<String, String> v) {
    Map<String, Object> m = new LinkedHashMap<>();
    Object days = RuleForm.number(v.get("halfLifeDays"));
    if (days instanceof String text) {
      try {
        days = Double.valueOf(text);
      } catch (NumberFormatException e) {
        // left as text for the model's check to refuse
      }
    }
    m.put("halfLifeDays", days);
    m.put("fitCap", v.get("fitCap").isEmpty() ? null : RuleForm.number(v.get("fitCap")));
    m.put("engagementCap", v.get("engagementCap").isEmpty() ? null : RuleForm.number(v.get("engagementCap")));
    m.put("mqlThreshold", RuleForm.number(v.get("mqlThreshold")));
    m.put("rearmBelow", RuleForm.number(v.get("rearmBelow")));
    if (v.get("gradesFit").isEmpty() && v.get("gradesEngagement").isEmpty()) {
      m.put("grades", null);
    } else {
      Map<String, Object> grades = new LinkedHashMap<>();
      grades.put("fit", bands(v.get("gradesFit")));
      grades.put("engagement", bands(v.get("gradesEngagement")));
      m.put("grades", grades);
    }
    m.put("digestEnabled", Boolean.valueOf(v.get("digestEnabled")));
    m.put("digestAt", v.get("digestAt"));
    return m;
  }

  /** A refused band names its list ({@code grades.fit[1].min}); the form has one input per list. */
  static FormErrors errors(InvalidInput e) {
    Map<String, String> m = new LinkedHashMap<>();
    e.problems().forEach(p -> m.putIfAbsent(p.field().startsWith("grades.fit") ? "gradesFit"
        : p.field().startsWith("grades.engagement") ? "gradesEngagement" : p.field(), p.message()));
    return new FormErrors(m);
  }

  private static @org.jspecify.annotations.Nullable List<Map<String, Object>> bands(String text) {
    if (text.isEmpty()) {
      return null;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (String part : RuleForm.split(text)) {
      String[] words = part.split("\\s+", 2);
      Map<String, Object> band = new LinkedHashMap<>();
      band.put("grade", words[0]);
      if (words.length > 1) {
        band.put("min", RuleForm.number(words[1]));
      }
      out.add(band);
    }
    return out;
  }

  private static String text(List<Grades.Band> bands) {
    List<String> parts = new ArrayList<>();
    for (Grades.Band b : bands) {
      parts.add(b.min() == null ? b.grade() : b.grade() + " " + b.min());
    }
    return String.join(", ", parts);
  }
}
