package org.sarnakh.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sarnakh.platform.db.Tables.LEAD_HISTORY;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

/**
 * Scoring end to end: rules saved with versions and checked when saved, live rescoring of a lead
 * within moments of an event or a field change, a ledger that adds up exactly, the MQL threshold
 * crossed once, and a rescore of every lead as a job.
 */
@IntegrationTest
class ScoringIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  DSLContext db;

  Api api;
  User marketing;
  final List<String> rules = new ArrayList<>();

  @BeforeEach
  void setUp() {
    api = new Api(port);
    marketing = users.create(Role.MARKETING);
  }

  /** Rules are global: switch this test's off again, so other tests' leads score as before. */
  @AfterEach
  void switchOffRules() {
    for (String id : rules) {
      api.patch("/api/v1/scoring/rules/" + id, marketing.token(), Map.of("active", false));
    }
    api.patch("/api/v1/scoring/settings", marketing.token(), Map.of("mqlThreshold", 100, "rearmBelow", 80));
  }

  String rule(Map<String, Object> body) {
    Response r = api.post("/api/v1/scoring/rules", marketing.token(), body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String id = r.json().get("id").asString();
    rules.add(id);
    return id;
  }

  static Map<String, Object> fit(String name, int points, String field, String op, String... values) {
    return Map.of("name", name, "axis", "FIT", "points", points, "condition", Map.of("field", field, "op", op,
        "values", List.of(values)));
  }

  static Map<String, Object> engagement(String name, int points, Map<String, Object> condition) {
    return Map.of("name", name, "axis", "ENGAGEMENT", "points", points, "condition", condition);
  }

  void events(String lead, String... paths) {
    List<Map<String, Object>> batch = new ArrayList<>();
    for (String path : paths) {
      batch.add(Map.of("eventId", "ev-" + UUID.randomUUID(), "type", "PAGE_VIEW", "leadId", lead, "url", path));
    }
    Response r = api.post("/api/v1/events", marketing.token(), Map.of("events", batch));
    assertThat(r.json().get("accepted").asInt()).as(r.body()).isEqualTo(paths.length);
  }

  JsonNode score(String lead) {
    Response r = api.get("/api/v1/leads/" + lead + "/score", marketing.token());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  static BigDecimal sum(JsonNode sheet) {
    return sheet.get("contributions").valueStream().map(c -> new BigDecimal(c.get("value").asString()))
        .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
  }

  @Test
  void aPricingVisitAndACareersBingeMoveTheScoreTheRightWayWithAnExplanation() {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    rule(fit("CTOs " + tag, 15, "title", "CONTAINS", "CTO-" + tag));
    rule(engagement("pricing " + tag, 20, Map.of("eventTypes", List.of("PAGE_VIEW"), "path", "/pricing-" + tag + "*")));
    rule(engagement("job seeker " + tag, -30, Map.of("eventTypes", List.of("PAGE_VIEW"), "path",
        "/careers-" + tag + "/**", "frequency", Map.of("count", 4, "window", "P1D"))));
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Scored", "title", "Group CTO-" + tag));

    await().atMost(Duration.ofSeconds(10)).until(() -> api.lead(lead, marketing.token()).get("score").get("fit").asInt() == 15);

    events(lead, "/pricing-" + tag);
    await().atMost(Duration.ofSeconds(10)).until(() -> api.lead(lead, marketing.token()).get("score").get("total").asInt() == 35);

    events(lead, "/careers-" + tag + "/a", "/careers-" + tag + "/b", "/careers-" + tag + "/c", "/careers-" + tag + "/d");
    await().atMost(Duration.ofSeconds(10)).until(() -> api.lead(lead, marketing.token()).get("score").get("total").asInt() == 5);

    JsonNode sheet = score(lead);
    assertThat(sheet.get("fit").asString()).isEqualTo("15.00");
    assertThat(new BigDecimal(sheet.get("total").asString())).isEqualByComparingTo(sum(sheet));
    assertThat(sheet.get("contributions").valueStream().map(c -> c.get("ruleName").asString()))
        .containsExactlyInAnyOrder("CTOs " + tag, "pricing " + tag, "job seeker " + tag);
    assertThat(sheet.get("contributions").valueStream().filter(c -> c.get("ruleName").asString().startsWith("job"))
        .findFirst().orElseThrow().get("eventId").isNull()).isFalse();
    assertThat(sheet.get("history").size()).isGreaterThanOrEqualTo(1);
    String page = new org.sarnakh.testing.PageClient(port).signIn(marketing.email(), marketing.password())
        .get("/leads/" + lead).html();
    assertThat(page).contains("data-testid=\"score-panel\"");
    assertThat(org.sarnakh.testing.PageClient.text(page)).contains("job seeker " + tag).contains("-30.00")
        .contains("+20.00");
  }

  @Test
  void crossingTheThresholdMakesTheLeadAnMqlOnceUntilItHasCooledDown() {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    api.patch("/api/v1/scoring/settings", marketing.token(), Map.of("mqlThreshold", 30, "rearmBelow", 10));
    rule(engagement("demo " + tag, 40, Map.of("path", "/demo-" + tag)));
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Hot"));

    events(lead, "/demo-" + tag);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> api.lead(lead, marketing.token()).get("lifecycleStage").asString().equals("MQL"));
    events(lead, "/demo-" + tag);
    await().atMost(Duration.ofSeconds(10)).until(() -> api.lead(lead, marketing.token()).get("score").get("total").asInt() == 80);

    assertThat(db.fetchCount(LEAD_HISTORY, LEAD_HISTORY.LEAD_ID.eq(UUID.fromString(lead))
        .and(LEAD_HISTORY.FIELD.eq("lifecycleStage")).and(LEAD_HISTORY.ACTOR_NAME.eq("Sarnakh scoring")))).isEqualTo(1);
    JsonNode timeline = api.get("/api/v1/leads/" + lead + "/timeline", marketing.token()).json().get("items");
    assertThat(timeline.valueStream().filter(i -> i.get("type").asString().equals("lifecycle"))).hasSize(1);
  }

  @Test
  void rulesAreCheckedWhenSavedAndEachSaveIsAVersion() {
    Response bad = api.post("/api/v1/scoring/rules", marketing.token(), Map.of("name", "", "axis", "FIT", "points", 0,
        "condition", Map.of("field", "shoeSize", "op", "LIKE")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").valueStream().map(e -> e.get("field").asString()))
        .contains("name", "points", "condition.field", "condition.op");
    Response badEvents = api.post("/api/v1/scoring/rules", marketing.token(), engagement("x", 5, Map.of("path", "pricing",
        "eventTypes", List.of("TELEPATHY"), "frequency", Map.of("count", 1, "window", "forever"))));
    assertThat(badEvents.json().get("errors").valueStream().map(e -> e.get("field").asString()))
        .contains("condition.path", "condition.eventTypes", "condition.frequency.count", "condition.frequency.window");
    assertThat(api.post("/api/v1/scoring/rules", users.create(Role.SALES_REP).token(),
        fit("rep rule", 5, "industry", "EQUALS", "finance")).status()).isEqualTo(403);

    String id = rule(fit("finance", 5, "industry", "EQUALS", "finance"));
    Response updated = api.patch("/api/v1/scoring/rules/" + id, marketing.token(), Map.of("points", 8), "If-Match", "\"1\"");
    Response stale = api.patch("/api/v1/scoring/rules/" + id, marketing.token(), Map.of("points", 9), "If-Match", "\"1\"");

    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("version").asInt()).isEqualTo(2);
    assertThat(stale.status()).isEqualTo(412);
    JsonNode versions = api.get("/api/v1/scoring/rules/" + id + "/versions", marketing.token()).json().get("items");
    assertThat(versions.valueStream().map(v -> v.get("points").asInt())).containsExactly(8, 5);
  }

  @Test
  void rescoringEveryLeadAfterARuleChangeRunsAsAJob() {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String id = rule(fit("energy " + tag, 10, "referredBy", "EQUALS", "partner-" + tag));
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Energy", "referredBy", "partner-" + tag));
    await().atMost(Duration.ofSeconds(10)).until(() -> api.lead(lead, marketing.token()).get("score").get("fit").asInt() == 10);

    api.patch("/api/v1/scoring/rules/" + id, marketing.token(), Map.of("points", 25));
    Response job = api.post("/api/v1/scoring/rescore", marketing.token(), null);
    assertThat(job.status()).isEqualTo(202);
    String jobPath = job.header("Location");

    await().atMost(Duration.ofSeconds(60)).until(() -> api.get(jobPath, marketing.token()).json().get("status").asString()
        .equals("COMPLETED"));
    assertThat(api.lead(lead, marketing.token()).get("score").get("fit").asInt()).isEqualTo(25);
    assertThat(api.post("/api/v1/scoring/rescore", users.create(Role.SALES_MANAGER).token(), null).status()).isEqualTo(403);
  }

  @Test
  void aRepSeesTheScoreOfTheirLeadsOnlyAndSettingsAreChecked() {
    User rep = users.create(Role.SALES_REP);
    String mine = api.createLead(rep.token(), Map.of("lastName", "Mine"));
    String other = api.createLead(marketing.token(), Map.of("lastName", "Other", "ownerId",
        users.create(Role.SALES_REP).id().toString()));

    assertThat(api.get("/api/v1/leads/" + mine + "/score", rep.token()).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/leads/" + other + "/score", rep.token()).status()).isEqualTo(404);
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("mqlThreshold", 10);
    patch.put("rearmBelow", 50);
    assertThat(api.patch("/api/v1/scoring/settings", marketing.token(), patch).status()).isEqualTo(400);
    assertThat(api.patch("/api/v1/scoring/settings", rep.token(), Map.of("mqlThreshold", 50)).status()).isEqualTo(403);
  }
}
