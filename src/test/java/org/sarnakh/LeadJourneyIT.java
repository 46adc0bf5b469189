package org.sarnakh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sarnakh.platform.db.Tables.ROUTING_QUEUE;

import java.time.Duration;
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
 * One lead's whole way, as the demo shows it: it waits unrouted until scoring makes it an MQL; then
 * the routing rule gives it to a rep with an explanation; left untouched past the first-touch time
 * it goes to the other rep; that rep converts it into a contact, an account and a deal that keep
 * where they came from, and the lead's history tells all of it.
 */
@IntegrationTest
class LeadJourneyIT {

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
  User marketing;
  User a;
  User b;
  UUID team;
  String tag;
  String scoringRule;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    team = users.team().id();
    manager = users.create(Role.SALES_MANAGER, team);
    marketing = users.create(Role.MARKETING);
    a = users.create(Role.SALES_REP, team);
    b = users.create(Role.SALES_REP, team);
    tag = "journey-" + UUID.randomUUID().toString().substring(0, 8);
    removeRoutingRules();
  }

  /** Routing rules and the scoring threshold are global: put them back for the other tests. */
  @AfterEach
  void restore() {
    clock.reset();
    removeRoutingRules();
    if (scoringRule != null) {
      api.patch("/api/v1/scoring/rules/" + scoringRule, marketing.token(), Map.of("active", false));
    }
    api.patch("/api/v1/scoring/settings", marketing.token(), Map.of("mqlThreshold", 100, "rearmBelow", 80));
  }

  void removeRoutingRules() {
    for (JsonNode r : api.get("/api/v1/routing/rules", manager.token()).json().get("items")) {
      api.delete("/api/v1/routing/rules/" + r.get("id").asString(), manager.token());
    }
    db.deleteFrom(ROUTING_QUEUE).execute();
  }

  String owner(String lead) {
    JsonNode o = api.lead(lead, manager.token()).get("ownerId");
    return o == null || o.isNull() ? null : o.asString();
  }

  @Test
  void anMqlIsRoutedWithItsReasonReassignedAfterItsDeadlineAndConvertedWithNothingLost() {
    // A lead that came in before any routing rule: no owner, nothing routes it yet.
    String lead = api.createLead(manager.token(), Map.of("firstName", "Nima", "lastName", "Journey", "title",
        "Head of IT " + tag, "accountName", "Journey Co " + tag, "email", tag + "@journey.example",
        "teamId", team.toString(), "opportunityAmount", Map.of("amount", "1200.00", "currency", "USD")));
    Response rule = api.post("/api/v1/routing/rules", manager.token(), Map.of("name", "Team in turn " + tag,
        "strategy", "ROUND_ROBIN", "pool", Map.of("teamId", team.toString()), "slaMinutes", 15));
    assertThat(rule.status()).as(rule.body()).isEqualTo(201);
    assertThat(owner(lead)).isNull();

    // Scoring makes it an MQL: routed on qualification.
    api.patch("/api/v1/scoring/settings", marketing.token(), Map.of("mqlThreshold", 50, "rearmBelow", 40));
    Response scoring = api.post("/api/v1/scoring/rules", marketing.token(), Map.of("name", "IT heads " + tag, "axis",
        "FIT", "points", 60, "condition", Map.of("field", "title", "op", "CONTAINS", "values", List.of(tag))));
    assertThat(scoring.status()).as(scoring.body()).isEqualTo(201);
    scoringRule = scoring.json().get("id").asString();
    api.patch("/api/v1/leads/" + lead, manager.token(), Map.of("description", "asked for a demo"));
    await().atMost(Duration.ofSeconds(20)).until(() -> owner(lead) != null);
    String first = owner(lead);
    User holder = first.equals(a.id().toString()) ? a : b;
    User other = holder == a ? b : a;
    assertThat(api.lead(lead, manager.token()).get("lifecycleStage").asString()).isEqualTo("MQL");
    JsonNode why = api.get("/api/v1/leads/" + lead + "/routing", holder.token()).json().get("items").get(0);
    assertThat(why.get("cause").asString()).isEqualTo("QUALIFIED");
    assertThat(why.get("ruleName").asString()).isEqualTo("Team in turn " + tag);
    assertThat(why.get("strategy").asString()).isEqualTo("ROUND_ROBIN");
    assertThat(why.get("explanation").toString()).contains(a.id().toString()).contains(b.id().toString());

    // Not touched within 15 minutes: the other rep gets it.
    clock.advance(Duration.ofMinutes(16));
    await().atMost(Duration.ofSeconds(20)).until(() -> other.id().toString().equals(owner(lead)));
    clock.reset();
    JsonNode latest = api.get("/api/v1/leads/" + lead + "/routing", manager.token()).json().get("items").get(0);
    assertThat(latest.get("cause").asString()).isEqualTo("SLA_BREACHED");

    // The new owner converts it.
    Response converted = api.post("/api/v1/leads/" + lead + "/convert", other.token(), Map.of(
        "account", Map.of("create", Map.of("name", "Journey Co " + tag)),
        "opportunity", Map.of("name", "Journey deal " + tag, "closeDate", "2027-03-01", "stage", "PROPOSAL")));
    assertThat(converted.status()).as(converted.body()).isEqualTo(201);
    JsonNode made = converted.json();
    JsonNode contact = api.get("/api/v1/contacts/" + made.get("contactId").asString(), other.token()).json();
    JsonNode account = api.get("/api/v1/accounts/" + made.get("accountId").asString(), other.token()).json();
    JsonNode deal = api.get("/api/v1/opportunities/" + made.get("opportunityId").asString(), other.token()).json();
    assertThat(contact.get("originLeadId").asString()).isEqualTo(lead);
    assertThat(contact.get("email").asString()).isEqualTo(tag + "@journey.example");
    assertThat(contact.get("title").asString()).isEqualTo("Head of IT " + tag);
    assertThat(account.get("originLeadId").asString()).isEqualTo(lead);
    assertThat(deal.get("originLeadId").asString()).isEqualTo(lead);
    assertThat(deal.get("accountId").asString()).isEqualTo(made.get("accountId").asString());
    assertThat(deal.get("amount").get("amount").asString()).startsWith("1200");
    JsonNode after = api.lead(lead, other.token());
    assertThat(after.get("status").asString()).isEqualTo("CONVERTED");

    // The lead's history and timeline keep every step.
    String history = api.get("/api/v1/leads/" + lead + "/history?limit=200", manager.token()).body();
    assertThat(history).contains(first).contains(other.id().toString()).contains("CONVERTED").contains("MQL");
    String timeline = api.get("/api/v1/leads/" + lead + "/timeline", manager.token()).body();
    assertThat(timeline).contains("\"type\":\"routing\"");
  }
}
