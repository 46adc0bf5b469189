package org.sarnakh.routing;

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
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.PageClient;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The routing pages: a rep's new leads with accept and reject, the lead page's panel, and the ordered rules for managers. */
@IntegrationTest
class RoutingPagesIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  DSLContext db;

  Api api;
  User manager;
  User rep;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    UUID team = users.team().id();
    manager = users.create(Role.SALES_MANAGER, team);
    rep = users.create(Role.SALES_REP, team);
    removeRules();
  }

  @AfterEach
  void removeRules() {
    for (JsonNode r : api.get("/api/v1/routing/rules", manager.token()).json().get("items")) {
      api.delete("/api/v1/routing/rules/" + r.get("id").asString(), manager.token());
    }
    db.deleteFrom(ROUTING_QUEUE).execute();
  }

  @Test
  void aRepSeesTheirNewLeadAndAcceptsItFromTheLeadPage() {
    rule("Mine", 15);
    String id = api.createLead(manager.token(), Map.of("lastName", "Page <b>lead</b>"));
    await().atMost(Duration.ofSeconds(10)).until(() -> !api.lead(id, manager.token()).get("ownerId").isNull());
    PageClient pages = new PageClient(port).signIn(rep.email(), rep.password());
    var list = pages.get("/routing/handoffs");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.html()).contains("Page &lt;b&gt;lead&lt;/b&gt;").doesNotContain("<b>lead</b>");
    var lead = pages.get("/leads/" + id);
    assertThat(lead.html()).contains("data-testid=\"routing-panel\"").contains("rule &#39;Mine&#39;");
    assertThat(lead.html()).contains("data-testid=\"accept\"");

    var noReason = pages.post("/routing/handoffs/" + id + "/reject", "reason", " ", "back", "/leads/" + id);
    assertThat(noReason.status()).isEqualTo(302);
    assertThat(api.lead(id, rep.token()).get("ownerId").asString()).isEqualTo(rep.id().toString());

    var accepted = pages.post("/routing/handoffs/" + id + "/accept", "back", "/leads/" + id);
    assertThat(accepted.status()).isEqualTo(302);
    assertThat(accepted.location()).endsWith("/leads/" + id);
    assertThat(api.lead(id, rep.token()).get("lifecycleStage").asString()).isEqualTo("SQL");
    assertThat(pages.get("/routing/handoffs").element("div", "empty")).isNotEmpty();
  }

  @Test
  void managersReorderRulesAndRepsMayNotSeeThem() {
    rule("First", null);
    rule("Second", null);
    PageClient pages = new PageClient(port).signIn(manager.email(), manager.password());
    var page = pages.get("/settings/routing");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.html().indexOf("First")).isLessThan(page.html().indexOf("Second"));
    String first = api.get("/api/v1/routing/rules", manager.token()).json().get("items").get(0).get("id").asString();
    assertThat(pages.post("/settings/routing/rules/" + first + "/move", "direction", "down").status()).isEqualTo(302);
    page = pages.get("/settings/routing");
    assertThat(page.html().indexOf("Second")).isLessThan(page.html().indexOf("First"));

    PageClient repPages = new PageClient(port).signIn(rep.email(), rep.password());
    assertThat(repPages.get("/settings/routing").status()).isEqualTo(403);
  }

  private void rule(String name, Integer sla) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "strategy", "FIXED",
        "pool", Map.of("users", List.of(Map.of("userId", rep.id().toString())))));
    body.put("slaMinutes", sla);
    assertThat(api.post("/api/v1/routing/rules", manager.token(), body).status()).isEqualTo(201);
  }
}
