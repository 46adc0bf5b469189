package org.sarnakh.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.PageClient;
import org.sarnakh.testing.PageClient.Page;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The scoring pages over real HTTP: the rule editor and its checks, the settings, "My day" and the report, by role. */
@IntegrationTest
class ScoringPagesIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  Api api;
  User marketing;
  String tag;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    marketing = users.create(Role.MARKETING);
    tag = UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void switchOffThisTestsRules() {
    for (JsonNode rule : api.get("/api/v1/scoring/rules", marketing.token()).json().get("items")) {
      if (rule.get("name").asString().contains(tag)) {
        api.patch("/api/v1/scoring/rules/" + rule.get("id").asString(), marketing.token(), Map.of("active", false));
      }
    }
    Map<String, Object> defaults = new java.util.HashMap<>(Map.of("mqlThreshold", 100, "rearmBelow", 80, "halfLifeDays", 30));
    defaults.put("grades", null);
    api.patch("/api/v1/scoring/settings", marketing.token(), defaults);
  }

  PageClient as(User user) {
    return new PageClient(port).signIn(user.email(), user.password());
  }

  @Test
  void marketingWritesAnEngagementRuleInTheEditorAndSeesItInTheList() {
    PageClient pages = as(marketing);
    Page editor = pages.get("/scoring/rules/new?axis=ENGAGEMENT");
    assertThat(editor.status()).isEqualTo(200);
    assertThat(editor.html()).contains("name=\"condition.path\"").contains("value=\"PAGE_VIEW\"");

    Page saved = pages.post("/scoring/rules", "axis", "ENGAGEMENT", "id", "", "version", "", "name", "Pricing " + tag,
        "points", "۱۵", "cap", "", "active", "true", "condition.eventTypes", "PAGE_VIEW", "condition.path", "/pricing*",
        "condition.properties", "", "condition.frequency.count", "", "condition.frequency.window", "P1D");

    assertThat(saved.status()).as(saved.html()).isEqualTo(302);
    Page list = pages.follow(saved);
    assertThat(list.html()).contains("Pricing " + tag).contains("PAGE_VIEW /pricing*").contains("data-testid=\"flash\"");
    JsonNode rule = api.get("/api/v1/scoring/rules", marketing.token()).json().get("items").valueStream()
        .filter(r -> r.get("name").asString().equals("Pricing " + tag)).findFirst().orElseThrow();
    assertThat(rule.get("points").asInt()).isEqualTo(15);
    assertThat(rule.get("condition").get("eventTypes").get(0).asString()).isEqualTo("PAGE_VIEW");
  }

  @Test
  void aRefusedRuleKeepsWhatWasTypedAndSaysWhyBesideEachField() {
    PageClient pages = as(marketing);
    pages.get("/scoring/rules/new?axis=ENGAGEMENT");

    Page refused = pages.post("/scoring/rules", "axis", "ENGAGEMENT", "id", "", "version", "", "name", "Binge " + tag,
        "points", "0", "cap", "", "active", "true", "condition.path", "careers", "condition.properties", "",
        "condition.frequency.count", "1", "condition.frequency.window", "P1D");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.html()).contains("data-testid=\"error-points\"").contains("data-testid=\"error-condition.path\"")
        .contains("data-testid=\"error-condition.frequency.count\"").contains("value=\"Binge " + tag + "\"");
    assertThat(api.get("/api/v1/scoring/rules", marketing.token()).body()).doesNotContain("Binge " + tag);
  }

  @Test
  void editingARuleSomeoneElseSavedMeanwhileWarnsAndKeepsTheForm() {
    Map<String, Object> body = Map.of("name", "Industry " + tag, "axis", "FIT", "points", 10, "condition",
        Map.of("field", "industry", "op", "EQUALS", "values", List.of("energy")));
    String id = api.post("/api/v1/scoring/rules", marketing.token(), body).json().get("id").asString();
    PageClient pages = as(marketing);
    Page editor = pages.get("/scoring/rules/" + id);
    assertThat(editor.html()).contains("value=\"1\"").contains("Industry " + tag);
    api.patch("/api/v1/scoring/rules/" + id, marketing.token(), Map.of("points", 12));

    Page stale = pages.post("/scoring/rules/" + id, "axis", "FIT", "id", id, "version", "1", "name", "Industry " + tag,
        "points", "20", "cap", "", "active", "true", "condition.field", "industry", "condition.op", "EQUALS",
        "condition.values", "energy");

    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.html()).contains("data-testid=\"stale\"").contains("value=\"20\"");
    assertThat(api.get("/api/v1/scoring/rules/" + id, marketing.token()).json().get("points").asInt()).isEqualTo(12);
  }

  @Test
  void settingsWithGradeBandsAreSavedAndBadBandsAreShownBesideTheirInput() {
    PageClient pages = as(marketing);
    pages.get("/scoring");

    Page saved = pages.post("/scoring/settings", "halfLifeDays", "14", "mqlThreshold", "90", "rearmBelow", "70", "fitCap", "",
        "engagementCap", "", "gradesFit", "A 60, B 30, C", "gradesEngagement", "1 40, 2", "digestEnabled", "true",
        "digestAt", "07:30");
    Page bad = pages.post("/scoring/settings", "halfLifeDays", "14", "mqlThreshold", "90", "rearmBelow", "95", "fitCap", "",
        "engagementCap", "", "gradesFit", "A 10, B 30, C", "gradesEngagement", "", "digestAt", "7 o'clock");

    assertThat(saved.status()).isEqualTo(302);
    JsonNode settings = api.get("/api/v1/scoring/settings", marketing.token()).json();
    assertThat(settings.get("mqlThreshold").asInt()).isEqualTo(90);
    assertThat(settings.get("halfLifeDays").asDouble()).isEqualTo(14.0);
    assertThat(settings.get("digestAt").asString()).isEqualTo("07:30");
    assertThat(settings.get("grades").get("engagement").get(1).get("grade").asString()).isEqualTo("2");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.html()).contains("data-testid=\"error-gradesFit\"").contains("data-testid=\"error-digestAt\"");
    // The refusals read in the page's language (Persian by default), not in the API's English.
    assertThat(bad.element("div", "error-digestAt")).contains("یک ساعت از روز");
    assertThat(bad.element("div", "error-gradesFit")).contains("کمینه هر رده");
    assertThat(api.get("/api/v1/scoring/settings", marketing.token()).json().get("rearmBelow").asInt()).isEqualTo(70);
  }

  @Test
  void aRepSeesTheirDayRankedAndCannotOpenTheScoringPages() {
    api.post("/api/v1/scoring/rules", marketing.token(), Map.of("name", "Demo " + tag, "axis", "ENGAGEMENT", "points", 25,
        "condition", Map.of("path", "/demo-" + tag)));
    User rep = users.create(Role.SALES_REP, users.team().id());
    String hot = api.createLead(rep.token(), Map.of("lastName", "Hot " + tag));
    api.createLead(rep.token(), Map.of("lastName", "Cool " + tag));
    api.post("/api/v1/events", marketing.token(), Map.of("events", List.of(Map.of("eventId", "ev-" + UUID.randomUUID(),
        "type", "PAGE_VIEW", "leadId", hot, "url", "/demo-" + tag))));
    await().atMost(Duration.ofSeconds(10)).until(() -> api.lead(hot, rep.token()).get("score").get("total").asInt() == 25);
    PageClient pages = as(rep);

    Page day = pages.get("/priorities");

    assertThat(day.status()).isEqualTo(200);
    String table = day.element("table", "priorities");
    assertThat(table.indexOf("Hot " + tag)).isPositive().isLessThan(table.indexOf("Cool " + tag));
    // The page speaks Persian by default: its digits too.
    assertThat(PageClient.text(table)).contains("Demo " + tag + " ×۱").contains("+۲۵");
    assertThat(pages.get("/scoring").status()).isEqualTo(403);
    assertThat(pages.get("/scoring/report").status()).isEqualTo(403);
    assertThat(pages.get("/scoring/rules/new").status()).isEqualTo(403);
  }

  @Test
  void aManagerOpensTheReportAndTheirRepsDayButNotTheRuleEditor() {
    var team = users.team();
    User manager = users.create(Role.SALES_MANAGER, team.id());
    User rep = users.create(Role.SALES_REP, team.id());
    api.createLead(rep.token(), Map.of("lastName", "Reps lead " + tag));
    PageClient pages = as(manager);

    Page report = pages.get("/scoring/report");
    Page repsDay = pages.get("/priorities?ownerId=" + rep.id());

    assertThat(report.status()).isEqualTo(200);
    assertThat(report.html()).contains("data-testid=\"new-mqls\"").contains("data-bars=");
    assertThat(repsDay.status()).isEqualTo(200);
    assertThat(repsDay.html()).contains("Reps lead " + tag).contains("data-testid=\"rep-choice\"");
    assertThat(pages.get("/scoring").status()).isEqualTo(403);
  }

  @Test
  void theEditorBacktestsADraftBesideTheCurrentRulesWithoutSavingIt() {
    PageClient pages = as(marketing);
    pages.get("/scoring/rules/new?axis=FIT");

    Page result = pages.post("/scoring/backtest", "axis", "FIT", "id", "", "version", "", "name", "Draft " + tag,
        "points", "30", "cap", "", "active", "true", "condition.field", "industry", "condition.op", "EQUALS",
        "condition.values", "energy");
    Page refused = pages.post("/scoring/backtest", "axis", "FIT", "id", "", "version", "", "name", "Draft " + tag,
        "points", "zero", "cap", "", "active", "true", "condition.field", "industry", "condition.op", "EQUALS",
        "condition.values", "energy");

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.element("div", "backtest-result")).isNotEmpty();
    assertThat(result.html()).contains("value=\"Draft " + tag + "\"");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.html()).contains("data-testid=\"error-points\"");
    assertThat(api.get("/api/v1/scoring/rules", marketing.token()).body()).doesNotContain("Draft " + tag);
  }

  @Test
  void anEmptyDaySaysWhatWillAppearThere() {
    Page day = as(users.create(Role.SALES_REP, users.team().id())).get("/priorities");

    assertThat(day.element("div", "empty")).isNotEmpty();
  }
}
