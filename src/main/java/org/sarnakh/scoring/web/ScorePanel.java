package org.sarnakh.scoring.web;

import java.util.List;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadPanel;
import org.sarnakh.scoring.LeadScoring;
import org.sarnakh.scoring.ScoreCalculator;
import org.sarnakh.scoring.internal.ScoreLedger;
import org.springframework.stereotype.Component;

/** The lead page's score panel: fit, engagement and total, the latest contributions with their values, a chart of the days. */
@Component
class ScorePanel implements LeadPanel {

  static final int SHOWN = 8;

  /** What the panel shows: the sheet now (newest contributions first, a few) and the daily history. */
  record Model(ScoreCalculator.Sheet sheet, int total, @org.jspecify.annotations.Nullable String grade,
      List<ScoreCalculator.Valued> latest, int more, List<ScoreLedger.Day> days, String chart) {}

  private final LeadScoring scoring;

  ScorePanel(LeadScoring scoring) {
    this.scoring = scoring;
  }

  @Override
  public String template() {
    return "scoring/panel";
  }

  @Override
  public String fragment() {
    return "score";
  }

  @Override
  public Object model(Lead lead, CurrentUser user) {
    ScoreCalculator.Sheet sheet = scoring.sheet(lead.id(), user);
    List<ScoreCalculator.Valued> newestFirst = new java.util.ArrayList<>(sheet.contributions());
    java.util.Collections.reverse(newestFirst);
    List<ScoreLedger.Day> days = scoring.days(lead.id(), user, 90);
    StringBuilder chart = new StringBuilder("[");
    for (ScoreLedger.Day d : days) {
      chart.append(chart.length() > 1 ? "," : "").append("{\"day\":\"").append(d.day()).append("\",\"fit\":")
          .append(d.fit()).append(",\"engagement\":").append(d.engagement()).append(",\"total\":").append(d.total())
          .append('}');
    }
    chart.append(']');
    return new Model(sheet, sheet.rounded(sheet.total()), scoring.grade(sheet), newestFirst.subList(0, Math.min(SHOWN, newestFirst.size())),
        Math.max(0, newestFirst.size() - SHOWN), days, chart.toString());
  }
}
