package org.sarnakh.scoring.web;

import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.identity.UserSummary;
import org.sarnakh.scoring.Priorities;
import org.sarnakh.scoring.ScoringReport;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "My day" (each rep's ranked leads, S1.6) and the managers' daily scoring report. */
@Controller
class ScoringInsightPages {

  static final int SHOWN = 50;

  private final Priorities priorities;
  private final ScoringReport report;
  private final UserDirectory directory;
  private final Clock clock;
  private final Accessor access;

  ScoringInsightPages(Priorities priorities, ScoringReport report, UserDirectory directory, Clock clock,
      Accessor access) {
    this.priorities = priorities;
    this.report = report;
    this.directory = directory;
    this.clock = clock;
    this.access = access;
  }

  @GetMapping("/priorities")
  String priorities(@RequestParam(required = false) @Nullable UUID ownerId, Model page) {
    CurrentUser user = access.current();
    boolean manages = user.is(Role.ADMIN) || user.is(Role.SALES_MANAGER);
    List<Priorities.Priority> list = ownerId == null || ownerId.equals(user.id()) ? priorities.of(user, SHOWN)
        : priorities.ofOwner(access.require(Role.ADMIN, Role.SALES_MANAGER), ownerId, SHOWN);
    page.addAttribute("items", list);
    page.addAttribute("ownerId", ownerId);
    page.addAttribute("reps", manages ? reps(user) : Collections.emptyList());
    page.addAttribute("recentDays", Priorities.RECENT.toDays());
    return "scoring/priorities";
  }

  /** The people whose day a manager may look at: the members of their teams; everyone for an administrator. */
  private List<UserSummary> reps(CurrentUser user) {
    return directory.list().stream().filter(u -> u.active() && !u.id().equals(user.id()))
        .filter(u -> user.is(Role.ADMIN) || u.teamIds().stream().anyMatch(user.teamIds()::contains)).toList();
  }

  @GetMapping("/scoring/report")
  String report(@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
      Model page) {
    CurrentUser user = access.require(Role.ADMIN, Role.MARKETING, Role.SALES_MANAGER);
    ScoringViews.Period period = ScoringViews.period(from, to, clock);
    ScoringReport.Report r = report.of(period.from(), period.to(), user);
    page.addAttribute("report", r);
    page.addAttribute("chart", ScoringViews.bars(r.distribution().keySet().stream().map(String::valueOf).toList(),
        List.of(List.copyOf(r.distribution().values()))));
    return "scoring/report";
  }
}
