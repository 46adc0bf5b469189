package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sarnakh.platform.db.Tables.LEAD;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.Api.Response;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestData;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/leads/batch}: per-item results, good items kept, the duplicate guard on every item. */
@IntegrationTest
class LeadBatchIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  DSLContext db;

  Api api;
  User manager;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    manager = users.create(Role.SALES_MANAGER);
  }

  @Test
  void eachItemGetsItsOwnResultAndGoodItemsLand() {
    String existing = TestData.email();
    String existingId = api.createLead(manager.token(), Map.of("lastName", "Stored", "email", existing));
    String twice = TestData.email();

    Response r = api.post("/api/v1/leads/batch", manager.token(), Map.of("leads", List.of(
        Map.of("lastName", "Good", "email", twice),
        Map.of("lastName", "Bad", "email", "not-an-email"),
        Map.of("lastName", "Known", "email", existing.toUpperCase()),
        Map.of("lastName", "Again", "email", twice),
        "not an object")));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode results = r.json().get("results");
    assertThat(results.valueStream().map(n -> n.get("status").asInt()).toList()).containsExactly(201, 400, 409, 409, 400);
    assertThat(results.get(1).get("errors").get(0).get("field").asString()).isEqualTo("email");
    assertThat(results.get(2).get("matches").get(0).get("id").asString()).isEqualTo(existingId);
    assertThat(results.get(3).get("matches").get(0).get("id").asString()).isEqualTo(results.get(0).get("id").asString());
    assertThat(r.json().get("created").asInt()).isEqualTo(1);
    assertThat(r.json().get("failed").asInt()).isEqualTo(4);
    assertThat(db.fetchCount(LEAD, LEAD.LAST_NAME.in("Good", "Bad", "Known", "Again").and(LEAD.EMAIL.in(twice, existing,
        "not-an-email")))).isEqualTo(1);
  }

  @Test
  void upsertUpdatesTheMatchingLeadsAndCreatesTheRest() {
    String email = TestData.email();
    String id = api.createLead(manager.token(), Map.of("lastName", "Before", "email", email));

    Response r = api.post("/api/v1/leads/batch?onDuplicate=upsert", manager.token(), Map.of("leads", List.of(
        Map.of("email", email, "title", "Updated by batch"), Map.of("lastName", "New", "email", TestData.email()))));

    assertThat(r.json().get("results").get(0).get("status").asInt()).isEqualTo(200);
    assertThat(r.json().get("results").get(0).get("id").asString()).isEqualTo(id);
    assertThat(r.json().get("results").get(1).get("status").asInt()).isEqualTo(201);
    assertThat(r.json().get("updated").asInt()).isEqualTo(1);
    assertThat(api.lead(id, manager.token()).get("title").asString()).isEqualTo("Updated by batch");
    assertThat(api.lead(id, manager.token()).get("lastName").asString()).isEqualTo("Before");
  }

  @Test
  void aBatchHoldsOneToAThousandLeads() {
    List<Map<String, Object>> tooMany = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(Map.of("lastName", "Over" + i));
    }
    long before = db.fetchCount(LEAD);

    assertThat(api.post("/api/v1/leads/batch", manager.token(), Map.of("leads", tooMany)).status()).isEqualTo(400);
    assertThat(api.post("/api/v1/leads/batch", manager.token(), Map.of("leads", List.of())).status()).isEqualTo(400);
    assertThat(api.post("/api/v1/leads/batch", manager.token(), Map.of("lead", List.of())).status()).isEqualTo(400);
    assertThat(api.post("/api/v1/leads/batch", manager.token(), Map.of("leads", "x")).status()).isEqualTo(400);
    assertThat(db.fetchCount(LEAD)).isEqualTo(before);
  }

  @Test
  void aBatchMayBeLargerThanASingleBodyButNotUnbounded() {
    String description = "d".repeat(30_000);
    List<Map<String, Object>> big = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      big.add(Map.of("lastName", "Big" + i, "description", description));
    }

    Response batch = api.post("/api/v1/leads/batch", manager.token(), Map.of("leads", big));
    Response single = api.post("/api/v1/leads", manager.token(), Map.of("lastName", "Huge", "description",
        "d".repeat(1_100_000)));

    assertThat(batch.status()).as("1.5 MB batch").isEqualTo(200);
    assertThat(batch.json().get("created").asInt()).isEqualTo(50);
    assertThat(single.status()).as("1.1 MB single body").isEqualTo(413);
  }

  @Test
  void aRepsBatchIsOwnedByTheRepAndCannotHandLeadsToOthers() {
    User rep = users.create(Role.SALES_REP);
    User other = users.create(Role.SALES_REP);

    Response r = api.post("/api/v1/leads/batch", rep.token(), Map.of("leads", List.of(
        Map.of("lastName", "Mine"), Map.of("lastName", "Theirs", "ownerId", other.id().toString()))));

    JsonNode results = r.json().get("results");
    assertThat(results.get(0).get("status").asInt()).isEqualTo(201);
    assertThat(api.lead(results.get(0).get("id").asString(), rep.token()).get("ownerId").asString())
        .isEqualTo(rep.id().toString());
    assertThat(results.get(1).get("status").asInt()).isEqualTo(403);
  }
}
