package org.sarnakh.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sarnakh.platform.db.Tables.ROUTING_QUEUE;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.PageClient;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The routing rule editor and a rep's capacity page, over real HTTP, for managers; reps are refused. */
@IntegrationTest
class RoutingSettingsPagesIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  UserDirectory directory;

  @Autowired
  DSLContext db;

  Api api;
  User manager;
  UUID team;
  User rep;
  PageClient pages;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    team = users.team().id();
    manager = users.create(Role.SALES_MANAGER, team);
    rep = users.create(Role.SALES_REP, team);
    removeRules();
    pages = new PageClient(port).signIn(manager.email(), manager.password());
  }

  @AfterEach
  void removeRules() {
    for (JsonNode r : api.get("/api/v1/routing/rules", manager.token()).json().get("items")) {
      api.delete("/api/v1/routing/rules/" + r.get("id").asString(), manager.token());
    }
    db.deleteFrom(ROUTING_QUEUE).execute();
  }

  @Test
  void aRuleMadeInTheEditorRoutesTheNextMatchingLeadToItsPoolMember() {
    assertThat(pages.get("/settings/routing").element("a", "new-rule")).contains("/settings/routing/rules/new");
    var form = pages.get("/settings/routing/rules/new");
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.html()).contains("name=\"_csrf\"").contains(rep.id().toString());
    var saved = pages.post("/settings/routing/rules", "name", "Referrals <b>first</b>", "active", "true",
        "conditions[0].field", "leadSource", "conditions[0].op", "in", "conditions[0].values", "referral, partner",
        "conditions[1].field", "", "conditions[1].op", "in", "conditions[1].values", "",
        "strategy", "FIXED", "pool.kind", "users", "pool.users", rep.id().toString(), "weight." + rep.id(), "",
        "slaMinutes", "۱۵");
    assertThat(saved.status()).isEqualTo(302);
    assertThat(saved.location()).endsWith("/settings/routing");

    JsonNode rule = api.get("/api/v1/routing/rules", manager.token()).json().get("items").get(0);
    assertThat(rule.get("name").asString()).isEqualTo("Referrals <b>first</b>");
    assertThat(rule.get("slaMinutes").asInt()).isEqualTo(15);
    assertThat(rule.get("conditions").get(0).get("values").toString()).contains("referral", "partner");
    var list = pages.get("/settings/routing");
    assertThat(list.html()).contains("/settings/routing/rules/" + rule.get("id").asString())
        .contains("Referrals &lt;b&gt;first&lt;/b&gt;").doesNotContain("<b>first</b>");

    String id = api.createLead(manager.token(), Map.of("lastName", "Routed", "leadSource", "referral"));
    await().atMost(Duration.ofSeconds(10)).until(() -> !api.lead(id, manager.token()).get("ownerId").isNull());
    assertThat(api.lead(id, manager.token()).get("ownerId").asString()).isEqualTo(rep.id().toString());
  }

  @Test
  void aRefusedRuleShowsEachMessageOnItsInputAndKeepsWhatWasTyped() {
    pages.get("/settings/routing/rules/new");
    var refused = pages.post("/settings/routing/rules", "name", "Big deals", "active", "true",
        "conditions[0].field", "", "conditions[0].op", "in", "conditions[0].values", "",
        "conditions[1].field", "score", "conditions[1].op", "between", "conditions[1].values", "40",
        "strategy", "WEIGHTED", "pool.kind", "users", "pool.users", rep.id().toString(), "weight." + rep.id(), "0");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.element("div", "error-conditions[1].values")).contains("۲ مقدار");
    assertThat(refused.element("div", "error-weight." + rep.id())).isNotEmpty();
    assertThat(refused.html()).contains("value=\"Big deals\"").contains(">40</textarea>")
        .contains("value=\"" + rep.id() + "\" id=\"f-member-" + rep.id() + "\" checked");
    assertThat(api.get("/api/v1/routing/rules", manager.token()).json().get("items").size()).isZero();
  }

  @Test
  void anEditOverSomeoneElsesSaveShowsTheStaleMessageAndChangesNothing() {
    User marketer = users.create(Role.MARKETING);
    String id = api.post("/api/v1/routing/rules", manager.token(), Map.of("name", "Original", "strategy", "FIXED",
        "pool", Map.of("users", List.of(Map.of("userId", rep.id().toString()), Map.of("userId", marketer.id().toString())))))
        .json().get("id").asString();
    var form = pages.get("/settings/routing/rules/" + id);
    assertThat(form.html()).contains("name=\"version\" value=\"0\"").contains("value=\"Original\"")
        .contains("value=\"" + rep.id() + "\" id=\"f-member-" + rep.id() + "\" checked")
        // A listed member who is not a sales rep stays listed, so saving the form keeps them.
        .contains("value=\"" + marketer.id() + "\" id=\"f-member-" + marketer.id() + "\" checked");
    assertThat(api.patch("/api/v1/routing/rules/" + id, manager.token(), Map.of("name", "Theirs")).status())
        .isEqualTo(200);

    var stale = pages.post("/settings/routing/rules/" + id, "version", "0", "name", "Mine", "active", "true",
        "strategy", "FIXED", "pool.kind", "users", "pool.users", rep.id().toString());
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.element("div", "stale")).isNotEmpty();
    assertThat(stale.html()).contains("value=\"Mine\"");
    assertThat(api.get("/api/v1/routing/rules/" + id, manager.token()).json().get("name").asString()).isEqualTo("Theirs");

    pages.get("/settings/routing/rules/" + id);
    var fresh = pages.post("/settings/routing/rules/" + id, "version", "1", "name", "Mine", "active", "true",
        "strategy", "FIXED", "pool.kind", "users", "pool.users", rep.id().toString());
    assertThat(fresh.status()).isEqualTo(302);
    assertThat(api.get("/api/v1/routing/rules/" + id, manager.token()).json().get("name").asString()).isEqualTo("Mine");
  }

  @Test
  void aCapacityPageSavesCapsAndHoursAndRefusesHoursWithoutTimes() {
    assertThat(pages.get("/settings/routing").element("table", "reps"))
        .contains("/settings/routing/users/" + rep.id());
    pages.get("/settings/routing/users/" + rep.id());
    var saved = pages.post("/settings/routing/users/" + rep.id(), "accepting", "true", "dailyCap", "5",
        "monthlyCap", "۸۰", "days", "SATURDAY", "days", "SUNDAY", "from", "09:00", "to", "17:30");
    assertThat(saved.status()).isEqualTo(302);
    JsonNode capacity = api.get("/api/v1/routing/users/" + rep.id() + "/capacity", manager.token()).json();
    assertThat(capacity.get("accepting").asBoolean()).isTrue();
    assertThat(capacity.get("dailyCap").asInt()).isEqualTo(5);
    assertThat(capacity.get("monthlyCap").asInt()).isEqualTo(80);
    assertThat(capacity.get("workingHours").toString()).contains("SATURDAY", "SUNDAY", "09:00", "17:30");
    var page = pages.follow(saved);
    assertThat(page.html()).contains("value=\"5\"").contains("value=\"09:00\"").contains("value=\"SATURDAY\" id=\"f-day-SATURDAY\" checked");

    var refused = pages.post("/settings/routing/users/" + rep.id(), "dailyCap", "lots", "days", "MONDAY");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.element("div", "error-dailyCap")).isNotEmpty();
    assertThat(refused.html()).contains("value=\"lots\"");
    assertThat(api.get("/api/v1/routing/users/" + rep.id() + "/capacity", manager.token()).json().get("dailyCap").asInt())
        .isEqualTo(5);
  }

  @Test
  void aRepAwayFromTheCapacityPageIsSkippedAndTheAbsenceCanBeRemoved() {
    User stand = users.create(Role.SALES_REP, team);
    ZoneId zone = ZoneId.of(directory.find(rep.id()).orElseThrow().timeZone());
    DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    pages.get("/settings/routing/users/" + rep.id());
    var backwards = pages.post("/settings/routing/users/" + rep.id() + "/absences",
        "startsAt", local.format(now.atZone(zone)), "endsAt", local.format(now.minusSeconds(3600).atZone(zone)), "note", "");
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.element("div", "error-endsAt")).contains("پس از آغاز");
    var added = pages.post("/settings/routing/users/" + rep.id() + "/absences",
        "startsAt", local.format(now.minusSeconds(3600).atZone(zone)),
        "endsAt", local.format(now.plus(Duration.ofDays(2)).atZone(zone)), "note", "Leave");
    assertThat(added.status()).isEqualTo(302);
    JsonNode absences = api.get("/api/v1/routing/users/" + rep.id() + "/capacity", manager.token()).json().get("absences");
    assertThat(absences.size()).isEqualTo(1);
    assertThat(Instant.parse(absences.get(0).get("startsAt").asString())).isEqualTo(now.minusSeconds(3600));
    assertThat(pages.follow(added).element("ul", "absences")).contains("Leave");

    assertThat(api.post("/api/v1/routing/rules", manager.token(), Map.of("name", "Pool", "strategy", "FIXED",
        "pool", Map.of("users", List.of(Map.of("userId", rep.id().toString()), Map.of("userId", stand.id().toString())))))
        .status()).isEqualTo(201);
    String id = api.createLead(manager.token(), Map.of("lastName", "Covered"));
    await().atMost(Duration.ofSeconds(10)).until(() -> !api.lead(id, manager.token()).get("ownerId").isNull());
    JsonNode why = api.get("/api/v1/leads/" + id + "/routing", manager.token()).json().get("items").get(0);
    assertThat(api.lead(id, manager.token()).get("ownerId").asString()).as(why.toString())
        .isEqualTo(stand.id().toString());
    assertThat(why.get("explanation").toString()).contains(rep.id().toString()).contains("OUT_OF_OFFICE");

    pages.get("/settings/routing/users/" + rep.id());
    String absence = absences.get(0).get("id").asString();
    assertThat(pages.post("/settings/routing/users/" + rep.id() + "/absences/" + absence + "/delete").status())
        .isEqualTo(302);
    assertThat(api.get("/api/v1/routing/users/" + rep.id() + "/capacity", manager.token()).json().get("absences").size())
        .isZero();
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void theEditorsAnswerEachRoleByTheMatrix(Role role) {
    String id = api.post("/api/v1/routing/rules", manager.token(), Map.of("name", "Matrix", "strategy", "FIXED",
        "pool", Map.of("users", List.of(Map.of("userId", rep.id().toString()))))).json().get("id").asString();
    User user = users.create(role, team);
    PageClient client = new PageClient(port).signIn(user.email(), user.password());
    boolean allowed = role == Role.ADMIN || role == Role.SALES_MANAGER;
    SoftAssertions soft = new SoftAssertions();
    for (String path : List.of("/settings/routing", "/settings/routing/rules/new", "/settings/routing/rules/" + id,
        "/settings/routing/users/" + rep.id())) {
      soft.assertThat(client.get(path).status()).as(path).isEqualTo(allowed ? 200 : 403);
      var anonymous = new PageClient(port).get(path);
      soft.assertThat(anonymous.status()).as(path).isEqualTo(302);
      soft.assertThat(anonymous.location()).as(path).endsWith("/login");
    }
    soft.assertAll();
  }

  @Test
  void repsMayNeitherOpenNorPostTheEditors() {
    String id = api.post("/api/v1/routing/rules", manager.token(), Map.of("name", "Guarded", "strategy", "FIXED",
        "pool", Map.of("users", List.of(Map.of("userId", rep.id().toString()))))).json().get("id").asString();
    PageClient repPages = new PageClient(port).signIn(rep.email(), rep.password());
    for (String path : List.of("/settings/routing/rules/new", "/settings/routing/rules/" + id,
        "/settings/routing/users/" + rep.id())) {
      assertThat(repPages.get(path).status()).as(path).isEqualTo(403);
    }
    repPages.get("/routing/handoffs");
    assertThat(repPages.post("/settings/routing/rules/" + id, "version", "0", "name", "Taken", "strategy", "FIXED",
        "pool.kind", "users", "pool.users", rep.id().toString()).status()).isEqualTo(403);
    assertThat(repPages.post("/settings/routing/users/" + rep.id(), "dailyCap", "1000").status()).isEqualTo(403);
    assertThat(repPages.post("/settings/routing/users/" + rep.id() + "/absences", "startsAt", "2026-12-24T00:00",
        "endsAt", "2026-12-31T00:00").status()).isEqualTo(403);
    assertThat(api.get("/api/v1/routing/rules/" + id, manager.token()).json().get("name").asString()).isEqualTo("Guarded");
  }
}
