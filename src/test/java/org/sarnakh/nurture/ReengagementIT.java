package org.sarnakh.nurture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

/** A lost lead whose score crosses the MQL threshold again comes back as RECYCLED, and its previous owner hears of it once. */
@IntegrationTest
class ReengagementIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  Api api;
  User marketing;
  User rep;
  String tag;
  String rule;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    marketing = users.create(Role.MARKETING);
    rep = users.create(Role.SALES_REP);
    tag = "back-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void restore() {
    if (rule != null) {
      api.patch("/api/v1/scoring/rules/" + rule, marketing.token(), Map.of("active", false));
    }
    api.patch("/api/v1/scoring/settings", marketing.token(), Map.of("mqlThreshold", 100, "rearmBelow", 80));
  }

  @Test
  void aLostLeadThatQualifiesAgainIsRecycledAndItsOwnerIsToldOnce() {
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Lost " + tag, "title", "CTO " + tag,
        "ownerId", rep.id().toString()));
    Response dead = api.post("/api/v1/leads/" + lead + "/status", marketing.token(),
        Map.of("status", "DEAD", "reason", "no_budget"));
    assertThat(dead.status()).as(dead.body()).isEqualTo(200);
    String other = api.createLead(marketing.token(), Map.of("lastName", "Open " + tag, "title", "CTO " + tag,
        "ownerId", rep.id().toString()));

    api.patch("/api/v1/scoring/settings", marketing.token(), Map.of("mqlThreshold", 30, "rearmBelow", 20));
    Response r = api.post("/api/v1/scoring/rules", marketing.token(), Map.of("name", "CTOs " + tag, "axis", "FIT",
        "points", 40, "condition", Map.of("field", "title", "op", "CONTAINS", "values", List.of(tag))));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    rule = r.json().get("id").asString();
    api.patch("/api/v1/leads/" + lead, marketing.token(), Map.of("description", "opened our mail again"));
    api.patch("/api/v1/leads/" + other, marketing.token(), Map.of("description", "still talking"));

    await().atMost(Duration.ofSeconds(20)).until(() ->
        "RECYCLED".equals(api.lead(lead, marketing.token()).get("status").asString()));
    await().atMost(Duration.ofSeconds(10)).until(() ->
        api.get("/api/v1/me/notifications", rep.token()).body().contains("LEAD_RECYCLED"));
    String history = api.get("/api/v1/leads/" + lead + "/history", marketing.token()).body();
    assertThat(history).contains("re-engagement").contains("RECYCLED");
    String notices = api.get("/api/v1/me/notifications", rep.token()).body();
    assertThat(notices.split("LEAD_RECYCLED", -1).length - 1).isEqualTo(1);
    // An open lead that qualifies is not touched by the recycle program.
    await().atMost(Duration.ofSeconds(10)).until(() ->
        "MQL".equals(api.lead(other, marketing.token()).get("lifecycleStage").asString()));
    assertThat(api.lead(other, marketing.token()).get("status").asString()).isNotEqualTo("RECYCLED");
  }
}
