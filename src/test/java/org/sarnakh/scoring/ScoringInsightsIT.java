package org.sarnakh.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sarnakh.platform.db.Tables.LEAD;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.Api.Response;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** What scoring tells people: grades, each rep's priorities, the managers' report and backtests of draft rules. */
@IntegrationTest
class ScoringInsightsIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  DSLContext db;

  Api api;
  User marketing;
  final List<String> rules = new ArrayList<>();
  String tag;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    marketing = users.create(Role.MARKETING);
    tag = UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void restoreModel() {
    for (String id : rules) {
      api.patch("/api/v1/scoring/rules/" + id, marketing.token(), Map.of("active", false));
    }
    api.patch("/api/v1/scoring/settings", marketing.token(), java.util.Collections.unmodifiableMap(
        new java.util.HashMap<>(Map.of("mqlThreshold", 100, "rearmBelow", 80))));
    Map<String, Object> noGrades = new java.util.HashMap<>();
    noGrades.put("grades", null);
    api.patch("/api/v1/scoring/settings", marketing.token(), noGrades);
  }

  void rule(String name, String axis, int points, Map<String, Object> condition) {
    Response r = api.post("/api/v1/scoring/rules", marketing.token(), Map.of("name", name, "axis", axis, "points", points,
        "condition", condition));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    rules.add(r.json().get("id").asString());
  }

  void views(String lead, String path, int times) {
    List<Map<String, Object>> batch = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      batch.add(Map.of("eventId", "ev-" + UUID.randomUUID(), "type", "PAGE_VIEW", "leadId", lead, "url", path));
    }
    Response r = api.post("/api/v1/events", marketing.token(), Map.of("events", batch));
    assertThat(r.json().get("accepted").asInt()).as(r.body()).isEqualTo(times);
  }

  int total(String lead) {
    return api.lead(lead, marketing.token()).get("score").get("total").asInt();
  }

  @Test
  void gradeBandsNameFitAndEngagementTogetherAndBadBandsAreRefusedByField() {
    rule("fit " + tag, "FIT", 60, Map.of("field", "referredBy", "op", "EQUALS", "values", List.of("p-" + tag)));
    Response saved = api.patch("/api/v1/scoring/settings", marketing.token(), Map.of("grades", Map.of(
        "fit", List.of(Map.of("grade", "A", "min", 50), Map.of("grade", "B", "min", 20), Map.of("grade", "C")),
        "engagement", List.of(Map.of("grade", "1", "min", 30), Map.of("grade", "2")))));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.json().get("grades").get("fit").get(2).get("grade").asString()).isEqualTo("C");
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Graded", "referredBy", "p-" + tag));
    await().atMost(Duration.ofSeconds(10)).until(() -> total(lead) == 60);

    assertThat(api.get("/api/v1/leads/" + lead + "/score", marketing.token()).json().get("grade").asString())
        .isEqualTo("A2");

    Response bad = api.patch("/api/v1/scoring/settings", marketing.token(), Map.of("grades", Map.of(
        "fit", List.of(Map.of("grade", "A", "min", 20), Map.of("grade", "B", "min", 50), Map.of("grade", "C", "min", 0)),
        "mood", List.of())));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").valueStream().map(e -> e.get("field").asString()))
        .contains("grades.mood", "grades.fit[1].min", "grades.fit[2].min");
    assertThat(api.get("/api/v1/scoring/settings", marketing.token()).json().get("grades").get("fit").get(0)
        .get("min").asInt()).isEqualTo(50);
  }

  @Test
  void aLeadThatJustCameBackToThePricingPageRanksAboveABetterFitThatDidNothing() {
    rule("fit " + tag, "FIT", 30, Map.of("field", "referredBy", "op", "EQUALS", "values", List.of("p-" + tag)));
    rule("pricing " + tag, "ENGAGEMENT", 10, Map.of("path", "/pricing-" + tag));
    var team = users.team();
    User rep = users.create(Role.SALES_REP, team.id());
    User otherRep = users.create(Role.SALES_REP, team.id());
    String quiet = api.createLead(rep.token(), Map.of("lastName", "Quiet", "referredBy", "p-" + tag));
    String eager = api.createLead(rep.token(), Map.of("lastName", "Eager"));
    String cold = api.createLead(rep.token(), Map.of("lastName", "Cold"));
    String someoneElses = api.createLead(otherRep.token(), Map.of("lastName", "Theirs", "referredBy", "p-" + tag));
    views(eager, "/pricing-" + tag, 2);
    await().atMost(Duration.ofSeconds(10)).until(() -> total(eager) == 20 && total(quiet) == 30);

    Response mine = api.get("/api/v1/me/priorities", rep.token());

    assertThat(mine.status()).as(mine.body()).isEqualTo(200);
    JsonNode items = mine.json().get("items");
    assertThat(items.valueStream().map(i -> i.get("lead").get("id").asString())).containsExactly(eager, quiet, cold);
    JsonNode first = items.get(0);
    assertThat(first.get("recentIntent").asInt()).isEqualTo(20);
    assertThat(first.get("rank").asInt()).isEqualTo(40);
    assertThat(first.get("reasons").get(0).get("rule").asString()).isEqualTo("pricing " + tag);
    assertThat(first.get("reasons").get(0).get("count").asInt()).isEqualTo(2);
    assertThat(items.valueStream().map(i -> i.get("lead").get("id").asString())).doesNotContain(someoneElses);

    User manager = users.create(Role.SALES_MANAGER, team.id());
    Response asManager = api.get("/api/v1/me/priorities?ownerId=" + rep.id(), manager.token());
    assertThat(asManager.json().get("items").size()).isEqualTo(3);
    assertThat(api.get("/api/v1/me/priorities?ownerId=" + rep.id(), otherRep.token()).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/me/priorities?limit=0", rep.token()).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/me/priorities", null).status()).isEqualTo(401);
  }

  @Test
  void theReportListsNewMqlsAndRisersToThoseWhoMaySeeThem() {
    api.patch("/api/v1/scoring/settings", marketing.token(), Map.of("mqlThreshold", 900, "rearmBelow", 800));
    rule("big fit " + tag, "FIT", 1000, Map.of("field", "referredBy", "op", "EQUALS", "values", List.of("p-" + tag)));
    var elsewhere = users.team();
    User owner = users.create(Role.SALES_REP, elsewhere.id());
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Riser", "referredBy", "p-" + tag,
        "ownerId", owner.id().toString()));
    await().atMost(Duration.ofSeconds(10)).until(() -> api.lead(lead, marketing.token()).get("lifecycleStage")
        .asString().equals("MQL"));

    JsonNode report = api.get("/api/v1/scoring/report", marketing.token()).json();

    assertThat(report.get("newMqls").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(report.get("mqls").valueStream().map(m -> m.get("id").asString())).contains(lead);
    assertThat(report.get("risers").valueStream().filter(m -> m.get("id").asString().equals(lead)).findFirst()
        .orElseThrow().get("delta").asInt()).isEqualTo(1000);
    assertThat(report.get("distribution").valueStream().filter(b -> b.get("from").asInt() == 1000).findFirst()
        .orElseThrow().get("leads").asInt()).isGreaterThanOrEqualTo(1);

    User managerOfAnotherTeam = users.create(Role.SALES_MANAGER, users.team().id());
    JsonNode theirs = api.get("/api/v1/scoring/report", managerOfAnotherTeam.token()).json();
    assertThat(theirs.get("mqls").valueStream().map(m -> m.get("id").asString())).doesNotContain(lead);
    assertThat(api.get("/api/v1/scoring/report", owner.token()).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/scoring/report?from=yesterday", marketing.token()).status()).isEqualTo(400);
  }

  @Test
  void aBacktestMeasuresHowWellADraftSeparatesWonFromLostLeadsWithoutSavingIt() {
    // Conversion itself is another module's work: the decided leads are set up directly.
    List<String> won = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      won.add(api.createLead(marketing.token(), Map.of("lastName", "Won " + i, "tags", List.of(tag),
          "referredBy", "partner")));
    }
    lost.add(api.createLead(marketing.token(), Map.of("lastName", "Lost 0", "tags", List.of(tag), "referredBy", "partner")));
    for (int i = 1; i < 3; i++) {
      lost.add(api.createLead(marketing.token(), Map.of("lastName", "Lost " + i, "tags", List.of(tag))));
    }
    java.time.Instant now = java.time.Instant.now();
    db.update(LEAD).set(LEAD.STATUS, "CONVERTED").set(LEAD.CONVERTED_AT, now)
        .where(LEAD.ID.in(won.stream().map(UUID::fromString).toList())).execute();
    for (String id : lost) {
      Response dead = api.post("/api/v1/leads/" + id + "/status", marketing.token(),
          Map.of("status", "DEAD", "reason", "no_budget"));
      assertThat(dead.status()).as(dead.body()).isEqualTo(200);
    }
    // After it was lost, a lead came back to a page the draft rewards: that must not count in the backtest.
    views(lost.get(1), "/late-" + tag, 1);
    // …and was edited afterwards, so its last change is later than the visit.
    assertThat(api.patch("/api/v1/leads/" + lost.get(1), marketing.token(), Map.of("title", "Former lead")).status())
        .isEqualTo(200);
    Map<String, Object> draft = Map.of("name", "partner referral", "axis", "FIT", "points", 50,
        "condition", Map.of("field", "referredBy", "op", "EQUALS", "values", List.of("partner")));
    Map<String, Object> late = Map.of("name", "late visit", "axis", "ENGAGEMENT", "points", 100,
        "condition", Map.of("path", "/late-" + tag));

    Response r = api.post("/api/v1/scoring/backtest", marketing.token(), Map.of("rules", List.of(draft, late),
        "filter", Map.of("tag", tag)));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode result = r.json();
    assertThat(result.get("scored").asInt()).isEqualTo(6);
    assertThat(result.get("converted").asInt()).isEqualTo(3);
    assertThat(result.get("dead").asInt()).isEqualTo(3);
    // Won 50, 50, 50 against lost 50, 0, 0: each won lead beats two lost ones and ties one.
    assertThat(result.get("auc").asString()).isEqualTo("0.8333");
    assertThat(result.get("bestThreshold").asString()).isEqualTo("50.00");
    assertThat(result.get("deciles").get(0).get("maxScore").asString()).isEqualTo("50.00");
    assertThat(api.get("/api/v1/scoring/rules", marketing.token()).json().get("items").valueStream()
        .map(i -> i.get("name").asString())).doesNotContain("partner referral");

    Response bad = api.post("/api/v1/scoring/backtest", marketing.token(), Map.of("rules", List.of(Map.of("name", "x",
        "axis", "FIT", "points", 0, "condition", Map.of("field", "industry", "op", "EQUALS", "values", List.of("a"))))));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("rules[0].points");
    assertThat(api.post("/api/v1/scoring/backtest", users.create(Role.SALES_MANAGER).token(), Map.of()).status())
        .isEqualTo(403);
  }
}
