package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class MassUpdateIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  Api api;
  User admin;
  User manager;
  UUID team;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    admin = users.create(Role.ADMIN);
    team = users.team().id();
    manager = users.create(Role.SALES_MANAGER, team);
  }

  String lead(String lastName, Map<String, Object> more) {
    var body = new java.util.LinkedHashMap<String, Object>(more);
    body.put("lastName", lastName);
    body.putIfAbsent("teamId", team.toString());
    return api.createLead(admin.token(), body);
  }

  @Test
  void massUpdateByIdsChangesTheGoodLeadsAndListsEachFailureWithItsStatus() {
    String good = lead("Good", Map.of("ownerId", manager.id().toString()));
    String dead = lead("Dead", Map.of());
    assertThat(api.post("/api/v1/leads/" + dead + "/status", admin.token(),
        Map.of("status", "DEAD", "reason", "no_budget")).status()).isEqualTo(200);
    String invisible = lead("Elsewhere", Map.of("teamId", users.team().id().toString()));
    String unknown = UUID.randomUUID().toString();
    JsonNode deadBefore = api.lead(dead, admin.token());
    JsonNode invisibleBefore = api.lead(invisible, admin.token());

    var r = api.post("/api/v1/leads/mass-update", manager.token(), Map.of(
        "ids", List.of(good, unknown, invisible, dead),
        "set", Map.of("status", "IN_PROCESS", "rating", "HOT"), "addTags", List.of("mass")));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("updated").asInt()).isEqualTo(1);
    Map<String, Integer> failed = new java.util.LinkedHashMap<>();
    r.json().get("failed").valueStream().forEach(f -> {
      failed.put(f.get("id").asString(), f.get("status").asInt());
      assertThat(f.get("detail").asString()).isNotBlank();
    });
    assertThat(failed).containsExactlyInAnyOrderEntriesOf(Map.of(unknown, 404, invisible, 404, dead, 409));

    JsonNode changed = api.lead(good, admin.token());
    assertThat(changed.get("status").asString()).isEqualTo("IN_PROCESS");
    assertThat(changed.get("rating").asString()).isEqualTo("HOT");
    assertThat(changed.get("tags").valueStream().map(JsonNode::asString)).containsExactly("mass");
    // A lead that failed keeps everything, even the fields that came before the refused move.
    assertThat(api.lead(dead, admin.token())).isEqualTo(deadBefore);
    assertThat(api.lead(invisible, admin.token())).isEqualTo(invisibleBefore);
  }

  @Test
  void massUpdateByIdsRefusesABadChangeBeforeTouchingAnything() {
    String id = lead("Untouched", Map.of());
    JsonNode before = api.lead(id, admin.token());

    var r = api.post("/api/v1/leads/mass-update", manager.token(),
        Map.of("ids", List.of(id), "set", Map.of("rating", "LUKEWARM")));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("set.rating");
    assertThat(api.lead(id, admin.token())).isEqualTo(before);
  }

  @Test
  void massUpdateByFilterRunsAsAJobThatChangesEveryMatchingLeadAndLogsIt() {
    String tag = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> matching = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      matching.add(lead("Match" + i, Map.of("tags", List.of(tag))));
    }
    String other = lead("NoMatch", Map.of("tags", List.of(tag + "-not")));
    JsonNode otherBefore = api.lead(other, admin.token());

    var r = api.post("/api/v1/leads/mass-update", manager.token(),
        Map.of("filter", Map.of("tag", tag), "set", Map.of("rating", "COLD", "industry", "energy")));

    assertThat(r.status()).as(r.body()).isEqualTo(202);
    String job = r.json().get("id").asString();
    assertThat(r.header("Location")).isEqualTo("/api/v1/jobs/" + job);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
        assertThat(api.get("/api/v1/jobs/" + job, manager.token()).json().get("status").asString()).isEqualTo("COMPLETED"));
    JsonNode done = api.get("/api/v1/jobs/" + job, manager.token()).json();
    assertThat(done.get("kind").asString()).isEqualTo("lead-mass-update");
    assertThat(done.get("processed").asLong()).isEqualTo(5);
    assertThat(done.get("total").asLong()).isEqualTo(5);
    assertThat(done.get("finishedAt").isNull()).isFalse();

    for (String id : matching) {
      JsonNode lead = api.lead(id, admin.token());
      assertThat(lead.get("rating").asString()).isEqualTo("COLD");
      assertThat(lead.get("industry").asString()).isEqualTo("energy");
      var history = api.get("/api/v1/leads/" + id + "/history", admin.token()).json().get("items");
      assertThat(history.valueStream().filter(h -> h.get("field").asString().equals("rating")))
          .singleElement().satisfies(h -> {
            assertThat(h.get("via").asString()).isEqualTo("MASS_UPDATE");
            assertThat(h.get("newValue").asString()).isEqualTo("COLD");
            assertThat(h.get("actor").get("id").asString()).isEqualTo(manager.id().toString());
          });
    }
    assertThat(api.lead(other, admin.token())).isEqualTo(otherBefore);
    assertThat(api.get("/api/v1/jobs/" + job, users.create(Role.SALES_MANAGER, team).token()).status()).isEqualTo(404);
  }
}
