package org.sarnakh.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sarnakh.platform.db.Tables.ROUTING_HANDOFF;
import static org.sarnakh.platform.db.Tables.ROUTING_QUEUE;

import java.time.Duration;
import java.util.HashMap;
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
import org.sarnakh.testing.MutableClock;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Hand-off: the rep is told, accepts (the lead becomes an SQL) or rejects with a reason (routed
 * again without them); the first-touch deadline reminds, escalates to the managers and reassigns,
 * at most twice before the default queue; a touch by the rep stops the clock.
 */
@IntegrationTest
class HandoffIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  MutableClock clock;

  @Autowired
  DSLContext db;

  Api api;
  User manager;
  UUID team;
  User a;
  User b;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    team = users.team().id();
    manager = users.create(Role.SALES_MANAGER, team);
    a = users.create(Role.SALES_REP, team);
    b = users.create(Role.SALES_REP, team);
    removeRules();
  }

  @AfterEach
  void removeRules() {
    clock.reset();
    for (JsonNode r : api.get("/api/v1/routing/rules", manager.token()).json().get("items")) {
      api.delete("/api/v1/routing/rules/" + r.get("id").asString(), manager.token());
    }
    api.patch("/api/v1/routing/settings", manager.token(), nulls());
    db.deleteFrom(ROUTING_QUEUE).execute();
  }

  @Test
  void theRepIsToldAndAcceptingMakesTheLeadAnSqlOnce() {
    rule("FIXED", users(a), 15);
    String id = api.createLead(manager.token(), Map.of("lastName", "Welcome"));
    awaitOwner(id, a);
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/me/notifications", a.token()).body()
        .contains("LEAD_ASSIGNED"));
    JsonNode mine = api.get("/api/v1/routing/handoffs", a.token()).json().get("items");
    assertThat(mine.toString()).contains(id);
    assertThat(api.get("/api/v1/leads/" + id + "/routing", a.token()).json().get("handoff").get("dueAt").isNull())
        .isFalse();

    assertThat(api.post("/api/v1/leads/" + id + "/accept", b.token(), null).status()).isEqualTo(404);
    assertThat(api.post("/api/v1/leads/" + id + "/accept", a.token(), null).status()).isEqualTo(200);
    assertThat(api.lead(id, a.token()).get("lifecycleStage").asString()).isEqualTo("SQL");
    assertThat(api.post("/api/v1/leads/" + id + "/accept", a.token(), null).status()).isEqualTo(409);
    assertThat(api.get("/api/v1/routing/handoffs", a.token()).json().get("items").toString()).doesNotContain(id);
  }

  @Test
  void rejectingNeedsAReasonAndRoutesTheLeadToSomeoneElse() {
    rule("ROUND_ROBIN", users(a, b), null);
    String id = api.createLead(manager.token(), Map.of("lastName", "Passed on"));
    String first = awaitAnyOwner(id);
    User holder = first.equals(a.id().toString()) ? a : b;
    User other = holder == a ? b : a;
    Response noReason = api.post("/api/v1/leads/" + id + "/reject", holder.token(), Map.of());
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body()).contains("reason");
    assertThat(api.post("/api/v1/leads/" + id + "/reject", holder.token(), Map.of("reason", "not my region"))
        .status()).isEqualTo(200);
    awaitOwner(id, other);
    JsonNode why = api.get("/api/v1/leads/" + id + "/routing", manager.token()).json().get("items").get(0);
    assertThat(why.get("cause").asString()).isEqualTo("REJECTED");
    assertThat(why.toString()).contains("\"reason\":\"EXCLUDED\"");
  }

  @Test
  void aMissedFirstTouchRemindsEscalatesAndReassignsAtMostTwiceBeforeTheQueue() {
    UUID queue = users.team().id();
    api.patch("/api/v1/routing/settings", manager.token(), Map.of("defaultTeamId", queue.toString()));
    rule("ROUND_ROBIN", users(a, b), 15);
    String id = api.createLead(manager.token(), Map.of("lastName", "Slow", "teamId", team.toString()));
    String first = awaitAnyOwner(id);
    User holder = first.equals(a.id().toString()) ? a : b;
    User other = holder == a ? b : a;

    clock.advance(Duration.ofMinutes(13));
    await().atMost(Duration.ofSeconds(10)).until(() -> kinds(holder).contains("SLA_REMINDER"));
    clock.advance(Duration.ofMinutes(3));
    await().atMost(Duration.ofSeconds(10)).until(() -> kinds(manager).contains("SLA_ESCALATED"));
    awaitOwner(id, other);
    assertThat(kinds(holder)).contains("LEAD_REASSIGNED");

    clock.advance(Duration.ofMinutes(16));
    awaitOwner(id, holder);
    clock.advance(Duration.ofMinutes(16));
    await().atMost(Duration.ofSeconds(10)).until(() -> "QUEUED".equals(latest(id).get("outcome").asString()));
    JsonNode lead = api.lead(id, users.administrator().token());
    assertThat(lead.get("ownerId").isNull()).isTrue();
    assertThat(lead.get("teamId").asString()).isEqualTo(queue.toString());
    assertThat(latest(id).get("summary").asString()).contains("first touch missed 3 times");
    assertThat(db.fetchCount(ROUTING_HANDOFF, ROUTING_HANDOFF.LEAD_ID.eq(UUID.fromString(id))
        .and(ROUTING_HANDOFF.STATE.eq("PENDING")))).isZero();
  }

  @Test
  void anActivityLoggedByTheRepStopsTheClock() {
    rule("FIXED", users(a), 15);
    String id = api.createLead(manager.token(), Map.of("lastName", "Touched"));
    awaitOwner(id, a);
    assertThat(api.post("/api/v1/leads/" + id + "/activities", a.token(), Map.of("kind", "CALL",
        "subject", "first call")).status()).isEqualTo(201);
    clock.advance(Duration.ofMinutes(16));
    await().atMost(Duration.ofSeconds(10)).until(() -> "TOUCHED".equals(db.select(ROUTING_HANDOFF.STATE)
        .from(ROUTING_HANDOFF).where(ROUTING_HANDOFF.LEAD_ID.eq(UUID.fromString(id))).fetchOne(ROUTING_HANDOFF.STATE)));
    assertThat(api.lead(id, a.token()).get("ownerId").asString()).isEqualTo(a.id().toString());
    assertThat(kinds(manager)).doesNotContain("SLA_ESCALATED");
  }

  private JsonNode latest(String id) {
    return api.get("/api/v1/leads/" + id + "/routing", users.administrator().token()).json().get("items").get(0);
  }

  private String kinds(User user) {
    return api.get("/api/v1/me/notifications", user.token()).body();
  }

  private void rule(String strategy, Map<String, ?> pool, Integer sla) {
    Map<String, Object> body = new HashMap<>(Map.of("name", "Hand-off " + strategy, "strategy", strategy, "pool", pool));
    body.put("slaMinutes", sla);
    Response r = api.post("/api/v1/routing/rules", manager.token(), body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private static Map<String, Object> users(User... members) {
    return Map.of("users", java.util.Arrays.stream(members).map(m -> Map.of("userId", m.id().toString())).toList());
  }

  private void awaitOwner(String lead, User owner) {
    String root = users.administrator().token();
    await().atMost(Duration.ofSeconds(10)).until(() -> owner.id().toString()
        .equals(api.lead(lead, root).get("ownerId").asString()));
  }

  private String awaitAnyOwner(String lead) {
    await().atMost(Duration.ofSeconds(10)).until(() -> !api.lead(lead, manager.token()).get("ownerId").isNull());
    return api.lead(lead, manager.token()).get("ownerId").asString();
  }

  private static Map<String, Object> nulls() {
    Map<String, Object> m = new HashMap<>();
    m.put("defaultOwnerId", null);
    m.put("defaultTeamId", null);
    return m;
  }
}
