package org.sarnakh.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sarnakh.platform.db.Tables.LEAD_HISTORY;
import static org.sarnakh.platform.db.Tables.ROUTING_QUEUE;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserAdministration;
import org.sarnakh.lead.LeadId;
import org.sarnakh.scoring.LeadBecameQualified;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.Api.Response;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Routing end to end: rules checked when saved, first match wins, each strategy, capacity and
 * availability skipped and explained, defaults, the triggers (create, qualification, recycle, on
 * demand, mass reassignment), rotation kept across team changes and exact under concurrent routers.
 */
@IntegrationTest
class RoutingIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  UserAdministration admin;

  @Autowired
  RoutingWorker worker;

  @Autowired
  DSLContext db;

  @Autowired
  org.sarnakh.routing.internal.RoutingStore store;

  @Autowired
  TransactionTemplate tx;

  @Autowired
  ApplicationEventPublisher events;

  Api api;
  User manager;
  UUID team;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    team = users.team().id();
    manager = users.create(Role.SALES_MANAGER, team);
    removeRules();
  }

  /** Rules are global: remove them (before, those of other classes; after, ours), so other tests' new leads stay unrouted. */
  @AfterEach
  void removeRules() {
    for (JsonNode r : api.get("/api/v1/routing/rules", manager.token()).json().get("items")) {
      api.delete("/api/v1/routing/rules/" + r.get("id").asString(), manager.token());
    }
    api.patch("/api/v1/routing/settings", manager.token(), mapOf("defaultOwnerId", null, "defaultTeamId", null));
    db.deleteFrom(ROUTING_QUEUE).execute();
  }

  @Test
  void roundRobinTakesTurnsSkipsAFullRepAndExplainsWhy() {
    User a = rep();
    User b = rep();
    User full = rep();
    capacity(full, Map.of("dailyCap", 0));
    rule("All leads", List.of(), "ROUND_ROBIN", Map.of("teamId", team.toString()));

    List<String> owners = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String id = api.createLead(manager.token(), Map.of("lastName", "Round " + i));
      owners.add(awaitOwner(id));
    }
    List<String> order = sorted(a, b);
    assertThat(owners).containsExactly(order.get(0), order.get(1), order.get(0), order.get(1));

    String last = lastLeadOwnedBy(owners.get(3));
    JsonNode lead = api.lead(last, manager.token());
    assertThat(lead.get("status").asString()).isEqualTo("ASSIGNED");
    JsonNode routing = api.get("/api/v1/leads/" + last + "/routing", manager.token()).json().get("items").get(0);
    assertThat(routing.get("cause").asString()).isEqualTo("CREATED");
    assertThat(routing.get("ruleName").asString()).isEqualTo("All leads");
    assertThat(routing.get("strategy").asString()).isEqualTo("ROUND_ROBIN");
    Map<String, String> verdicts = verdicts(routing);
    assertThat(verdicts).containsEntry(full.id().toString(), "SKIPPED DAILY_CAP_REACHED")
        .containsEntry(owners.get(3), "CHOSEN");
    assertThat(db.fetchCount(LEAD_HISTORY, LEAD_HISTORY.LEAD_ID.eq(UUID.fromString(last))
        .and(LEAD_HISTORY.FIELD.eq("ownerId")).and(LEAD_HISTORY.VIA.eq("ROUTING")))).isEqualTo(1);
    JsonNode timeline = api.get("/api/v1/leads/" + last + "/timeline", manager.token()).json();
    assertThat(timeline.toString()).contains("\"type\":\"routing\"").contains("All leads");
  }

  @Test
  void withoutRulesANewLeadStaysNewWithoutOwner() {
    String id = api.createLead(manager.token(), Map.of("lastName", "Nobody's"));
    worker.drainOnce();
    JsonNode lead = api.lead(id, manager.token());
    assertThat(lead.get("status").asString()).isEqualTo("NEW");
    assertThat(lead.get("ownerId").isNull()).isTrue();
    assertThat(db.fetchCount(ROUTING_QUEUE)).isZero();
  }

  @Test
  void theFirstMatchingRuleWinsAndConditionsCompareNormalisedText() {
    User tehran = rep();
    User rest = rep();
    rule("Tehran", List.of(Map.of("field", "address.city", "op", "in", "values", List.of("تهران", "Tehran"))),
        "FIXED", users(tehran));
    rule("Big deals", List.of(Map.of("field", "companySize", "op", "gte", "values", List.of(500))), "FIXED",
        users(rest));
    rule("Everyone else", List.of(), "FIXED", users(rest));

    String inTehran = api.createLead(manager.token(), Map.of("lastName", "A", "companySize", 900,
        "address", Map.of("city", "TEHRAN")));
    String big = api.createLead(manager.token(), Map.of("lastName", "B", "companySize", 900));
    assertThat(awaitOwner(inTehran)).isEqualTo(tehran.id().toString());
    assertThat(awaitOwner(big)).isEqualTo(rest.id().toString());
    JsonNode why = api.get("/api/v1/leads/" + big + "/routing", manager.token()).json().get("items").get(0);
    assertThat(why.get("ruleName").asString()).isEqualTo("Big deals");
  }

  @Test
  void rulesNamingWhatDoesNotExistAreRefusedWith422AndMalformedOnesWith400() {
    User gone = rep();
    admin.changeRole(gone.id(), Role.SALES_REP, false);
    assertThat(post(Map.of("name", "x", "strategy", "FIXED", "pool", users(gone))).status()).isEqualTo(422);
    assertThat(post(Map.of("name", "x", "strategy", "FIXED",
        "pool", Map.of("users", List.of(Map.of("userId", UUID.randomUUID().toString()))))).status()).isEqualTo(422);
    assertThat(post(Map.of("name", "x", "strategy", "FIXED", "pool", Map.of("teamId", UUID.randomUUID().toString())))
        .status()).isEqualTo(422);
    Response unknownField = post(Map.of("name", "x", "strategy", "FIXED", "pool", Map.of("teamId", team.toString()),
        "conditions", List.of(Map.of("field", "shoeSize", "op", "in", "values", List.of("42")))));
    assertThat(unknownField.status()).isEqualTo(422);
    assertThat(unknownField.body()).contains("shoeSize");
    Response strategy = post(Map.of("name", "x", "strategy", "LOTTERY", "pool", Map.of("teamId", team.toString())));
    assertThat(strategy.status()).isEqualTo(400);
    assertThat(strategy.body()).contains("strategy");
    User r = rep();
    Response weight = post(Map.of("name", "x", "strategy", "WEIGHTED",
        "pool", Map.of("users", List.of(Map.of("userId", r.id().toString(), "weight", 0)))));
    assertThat(weight.status()).isEqualTo(400);
    assertThat(weight.body()).contains("pool.users[0].weight");
    assertThat(api.get("/api/v1/routing/rules", manager.token()).json().get("items").size()).isZero();
  }

  @Test
  void aPoolWithNoOneAvailableFallsToTheDefaultQueueAndAStaleUserIsSkippedAndExplained() {
    User away = rep();
    User leaving = rep();
    rule("Pool", List.of(), "ROUND_ROBIN", users(away, leaving));
    admin.changeRole(leaving.id(), Role.SALES_REP, false);
    api.post("/api/v1/routing/users/" + away.id() + "/absences", manager.token(), Map.of(
        "startsAt", Instant.now().minusSeconds(3600).toString(), "endsAt", Instant.now().plusSeconds(86_400).toString()));
    UUID queue = users.team().id();
    assertThat(api.patch("/api/v1/routing/settings", manager.token(), Map.of("defaultTeamId", queue.toString()))
        .status()).isEqualTo(200);

    String id = api.createLead(manager.token(), Map.of("lastName", "Unlucky"));
    // Queued for another team, the lead leaves the manager's sight; an administrator sees it.
    String root = users.administrator().token();
    await().atMost(Duration.ofSeconds(10)).until(() -> !api.get("/api/v1/leads/" + id + "/routing", root)
        .json().get("items").isEmpty());
    JsonNode why = api.get("/api/v1/leads/" + id + "/routing", root).json().get("items").get(0);
    assertThat(why.get("outcome").asString()).isEqualTo("QUEUED");
    assertThat(why.get("teamId").asString()).isEqualTo(queue.toString());
    assertThat(verdicts(why)).containsEntry(away.id().toString(), "SKIPPED OUT_OF_OFFICE")
        .containsEntry(leaving.id().toString(), "SKIPPED INACTIVE");
    JsonNode lead = api.lead(id, root);
    assertThat(lead.get("teamId").asString()).isEqualTo(queue.toString());
    assertThat(lead.get("ownerId").isNull()).isTrue();
  }

  @Test
  void aRepOutsideTheirWorkingHoursIsSkippedAndOneWithoutHoursIsAlwaysAvailable() {
    User sleeping = rep();
    User always = rep();
    // A one-hour window twelve hours from now, in the rep's own time zone.
    var later = Instant.now().plus(Duration.ofHours(12)).atZone(ZoneId.of("Asia/Tehran"));
    capacity(sleeping, Map.of("workingHours", Map.of("days", List.of(later.getDayOfWeek().name()),
        "from", later.toLocalTime().withSecond(0).withNano(0).toString(),
        "to", later.toLocalTime().plusHours(1).withSecond(0).withNano(0).toString())));
    rule("Hours", List.of(), "FIXED", users(sleeping, always));
    String id = api.createLead(manager.token(), Map.of("lastName", "Night"));
    assertThat(awaitOwner(id)).isEqualTo(always.id().toString());
    JsonNode why = api.get("/api/v1/leads/" + id + "/routing", manager.token()).json().get("items").get(0);
    assertThat(verdicts(why)).containsEntry(sleeping.id().toString(), "SKIPPED OUTSIDE_WORKING_HOURS");
  }

  @Test
  void weightedRulesShareByWeightAndLeastLoadedFillsTheEmptiestRep() {
    User heavy = rep();
    User light = rep();
    rule("Weighted", List.of(Map.of("field", "leadSource", "op", "in", "values", List.of("referral"))), "WEIGHTED",
        Map.of("users", List.of(Map.of("userId", heavy.id().toString(), "weight", 3),
            Map.of("userId", light.id().toString(), "weight", 1))));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 8; i++) {
      counts.merge(awaitOwner(api.createLead(manager.token(), Map.of("lastName", "W" + i, "leadSource", "referral"))),
          1, Integer::sum);
    }
    assertThat(counts).containsEntry(heavy.id().toString(), 6).containsEntry(light.id().toString(), 2);

    User busy = rep();
    User idle = rep();
    for (int i = 0; i < 3; i++) {
      api.createLead(manager.token(), Map.of("lastName", "Busy " + i, "ownerId", busy.id().toString()));
    }
    rule("Load", List.of(), "LEAST_LOADED", users(busy, idle));
    Map<String, Integer> load = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      load.merge(awaitOwner(api.createLead(manager.token(), Map.of("lastName", "L" + i))), 1, Integer::sum);
    }
    // 3 + 0 open leads, four more: idle gets three to catch up, then they alternate.
    assertThat(load).containsEntry(idle.id().toString(), 3).containsEntry(busy.id().toString(), 1);
  }

  @Test
  void bestFitPrefersTheRepWhoseSmoothedRecordOnSimilarLeadsIsBetter() {
    User loser = rep();
    User fresh = rep();
    for (int i = 0; i < 5; i++) {
      String id = api.createLead(manager.token(), Map.of("lastName", "Lost " + i, "industry", "technology",
          "companySize", 40, "ownerId", loser.id().toString()));
      assertThat(api.post("/api/v1/leads/" + id + "/status", manager.token(),
          Map.of("status", "DEAD", "reason", "no_budget")).status()).isEqualTo(200);
    }
    rule("Fit", List.of(), "BEST_FIT", users(loser, fresh));
    String id = api.createLead(manager.token(), Map.of("lastName", "Similar", "industry", "technology",
        "companySize", 30));
    assertThat(awaitOwner(id)).isEqualTo(fresh.id().toString());
    JsonNode why = api.get("/api/v1/leads/" + id + "/routing", manager.token()).json().get("items").get(0);
    assertThat(why.toString()).contains("converted 0 of 5 similar leads");
  }

  @Test
  void roundRobinKeepsItsPlaceWhenMembersJoinAndLeave() {
    List<User> reps = new ArrayList<>(List.of(rep(), rep(), rep()));
    rule("Team", List.of(), "ROUND_ROBIN", Map.of("teamId", team.toString()));
    List<String> order = sorted(reps.toArray(User[]::new));
    assertThat(awaitOwner(api.createLead(manager.token(), Map.of("lastName", "1")))).isEqualTo(order.get(0));
    assertThat(awaitOwner(api.createLead(manager.token(), Map.of("lastName", "2")))).isEqualTo(order.get(1));
    // The third member leaves, a new one joins: the rotation goes on after the second, not from the start.
    admin.setTeams(UUID.fromString(order.get(2)), List.of());
    User joined = rep();
    List<String> now = new ArrayList<>(List.of(order.get(0), order.get(1), joined.id().toString()));
    now.sort((x, y) -> UUID.fromString(x).compareTo(UUID.fromString(y)));
    String expected = now.stream().filter(u -> UUID.fromString(u).compareTo(UUID.fromString(order.get(1))) > 0)
        .findFirst().orElse(now.get(0));
    assertThat(awaitOwner(api.createLead(manager.token(), Map.of("lastName", "3")))).isEqualTo(expected);
  }

  @Test
  void concurrentRoutersShareRoundRobinExactly() throws Exception {
    IntStream.range(0, 5).forEach(i -> rep());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add(api.createLead(manager.token(), Map.of("lastName", "C" + i)));
    }
    rule("Busy", List.of(), "ROUND_ROBIN", Map.of("teamId", team.toString()));
    tx.executeWithoutResult(s -> store.enqueue(ids.stream().map(UUID::fromString).toList(),
        org.jooq.impl.DSL.trueCondition(), Cause.MANUAL, null, Instant.now()));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> runs = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      runs.add(pool.submit(() -> {
        int n = 0;
        int got;
        while ((got = worker.drainOnce()) > 0) {
          n += got;
        }
        return n;
      }));
    }
    for (Future<Integer> f : runs) {
      f.get();
    }
    pool.shutdown();
    await().atMost(Duration.ofSeconds(20)).until(() -> db.fetchCount(ROUTING_QUEUE) == 0);
    Map<String, Integer> counts = new HashMap<>();
    for (String id : ids) {
      counts.merge(awaitOwner(id), 1, Integer::sum);
    }
    assertThat(counts).hasSize(5);
    assertThat(counts.values()).allMatch(n -> n == 20);
  }

  @Test
  void qualifiedRecycledAndOnDemandLeadsAreRoutedAndMassReassignmentReportsEachLead() {
    User first = rep();
    User second = rep();
    String id = api.createLead(manager.token(), Map.of("lastName", "Later"));
    rule("Pair", List.of(), "ROUND_ROBIN", users(first, second));
    tx.executeWithoutResult(s -> events.publishEvent(new LeadBecameQualified(new LeadId(UUID.fromString(id)), 120, 100,
        1, Instant.now())));
    String owner = awaitOwner(id);
    assertThat(api.get("/api/v1/leads/" + id + "/routing", manager.token()).json().get("items").get(0)
        .get("cause").asString()).isEqualTo("QUALIFIED");

    assertThat(api.post("/api/v1/leads/" + id + "/status", manager.token(), Map.of("status", "RECYCLED")).status())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/leads/" + id + "/routing", manager.token())
        .json().get("items").get(0).get("cause").asString().equals("RECYCLED"));
    assertThat(api.lead(id, manager.token()).get("status").asString()).isEqualTo("ASSIGNED");

    Response now = api.post("/api/v1/leads/" + id + "/route", manager.token(), Map.of());
    assertThat(now.status()).isEqualTo(200);
    assertThat(now.json().get("cause").asString()).isEqualTo("MANUAL");
    User owning = users.create(Role.SALES_REP, team);
    String theirs = api.createLead(manager.token(), Map.of("lastName", "Theirs", "ownerId", owning.id().toString()));
    assertThat(api.post("/api/v1/leads/" + theirs + "/route", owning.token(), Map.of()).status()).isEqualTo(403);

    String current = api.lead(id, manager.token()).get("ownerId").asString();
    Response moved = api.post("/api/v1/routing/reassign", manager.token(), Map.of("fromUserId", current));
    assertThat(moved.status()).isEqualTo(200);
    JsonNode result = moved.json().get("results").get(0);
    assertThat(result.get("status").asInt()).isEqualTo(200);
    assertThat(result.get("ownerId").asString()).isNotEqualTo(current);
    Response named = api.post("/api/v1/routing/reassign", manager.token(), Map.of(
        "ids", List.of(id, UUID.randomUUID().toString()), "toUserId", owning.id().toString()));
    assertThat(named.json().get("results").get(0).get("ownerId").asString()).isEqualTo(owning.id().toString());
    assertThat(named.json().get("results").get(1).get("status").asInt()).isEqualTo(404);
    assertThat(owner).isIn(first.id().toString(), second.id().toString());
  }

  @Test
  void aRepSeesTheRoutingOfTheirOwnLeadsOnlyAndCannotManageRules() {
    User r = rep();
    User other = rep();
    String mine = api.createLead(manager.token(), Map.of("lastName", "Mine", "ownerId", r.id().toString()));
    String theirs = api.createLead(manager.token(), Map.of("lastName", "Theirs", "ownerId", other.id().toString()));
    assertThat(api.get("/api/v1/leads/" + mine + "/routing", r.token()).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/leads/" + theirs + "/routing", r.token()).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/routing/rules", r.token()).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/routing/rules", r.token(), Map.of("name", "x")).status()).isEqualTo(403);
  }

  private User rep() {
    return users.create(Role.SALES_REP, team);
  }

  private Response post(Map<String, ?> rule) {
    return api.post("/api/v1/routing/rules", manager.token(), rule);
  }

  private String rule(String name, List<?> conditions, String strategy, Map<String, ?> pool) {
    Response r = post(Map.of("name", name, "conditions", conditions, "strategy", strategy, "pool", pool));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private void capacity(User user, Map<String, ?> body) {
    Response r = api.request("PUT", "/api/v1/routing/users/" + user.id() + "/capacity", manager.token(),
        Api.JSON.writeValueAsString(body), "application/json");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private static Map<String, Object> users(User... members) {
    return Map.of("users", java.util.Arrays.stream(members).map(m -> Map.of("userId", m.id().toString())).toList());
  }

  private static List<String> sorted(User... reps) {
    return java.util.Arrays.stream(reps).map(User::id).sorted().map(UUID::toString).toList();
  }

  private String awaitOwner(String lead) {
    await().atMost(Duration.ofSeconds(10)).until(() -> !api.lead(lead, manager.token()).get("ownerId").isNull());
    return api.lead(lead, manager.token()).get("ownerId").asString();
  }

  private String lastLeadOwnedBy(String owner) {
    return api.get("/api/v1/leads?ownerId=" + owner + "&sort=-createdAt&limit=1", manager.token()).json()
        .get("items").get(0).get("id").asString();
  }

  private static Map<String, String> verdicts(JsonNode assignment) {
    Map<String, String> out = new HashMap<>();
    for (JsonNode rule : assignment.get("explanation").get("rules")) {
      for (JsonNode c : rule.get("candidates")) {
        out.put(c.get("userId").asString(), c.get("outcome").asString()
            + (c.has("reason") ? " " + c.get("reason").asString() : ""));
      }
    }
    return out;
  }

  private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new HashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
