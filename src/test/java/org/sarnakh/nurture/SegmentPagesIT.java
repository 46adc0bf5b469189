package org.sarnakh.nurture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.PageClient;
import org.sarnakh.testing.PageClient.Page;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The segment pages: the editor with its preview and inline errors, the list, and "add to list" from the lead list. */
@IntegrationTest
class SegmentPagesIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  Api api;
  User marketing;
  String tag;
  final List<String> made = new ArrayList<>();

  @BeforeEach
  void setUp() {
    api = new Api(port);
    marketing = users.create(Role.MARKETING);
    tag = "segp-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void cleanUp() {
    for (JsonNode s : api.get("/api/v1/segments", marketing.token()).json().get("items")) {
      if (s.get("name").asString().contains(tag)) {
        api.delete("/api/v1/segments/" + s.get("id").asString(), marketing.token());
      }
    }
  }

  PageClient as(User user) {
    return new PageClient(port).signIn(user.email(), user.password());
  }

  @Test
  void marketingPreviewsADefinitionThenSavesItAndSeesItsMembersCounted() {
    api.createLead(marketing.token(), Map.of("lastName", "Previewed", "tags", List.of(tag), "rating", "HOT"));
    PageClient pages = as(marketing);
    assertThat(pages.get("/segments").html()).contains("data-testid=\"new-dynamic\"");

    Page preview = pages.post("/segments/preview", "kind", "DYNAMIC", "name", "Hot " + tag, "match.tag", tag,
        "match.rating", "HOT", "events[0].type", "", "events[0].withinDays", "7", "events[0].atLeast", "1");
    assertThat(preview.status()).as(preview.html()).isEqualTo(200);
    assertThat(PageClient.text(preview.element("p", "preview-count"))).contains("۱"); // Persian digits: the default language
    assertThat(preview.html()).contains("Previewed");

    Page saved = pages.post("/segments", "kind", "DYNAMIC", "name", "Hot " + tag, "match.tag", tag, "match.rating", "HOT",
        "events[0].type", "PAGE_VIEW", "events[0].path", "/pricing*", "events[0].withinDays", "۷", "events[0].atLeast", "1");
    assertThat(saved.status()).as(saved.html()).isEqualTo(302);
    JsonNode s = api.get("/api/v1/segments", marketing.token()).json().get("items").valueStream()
        .filter(x -> x.get("name").asString().equals("Hot " + tag)).findFirst().orElseThrow();
    assertThat(s.get("definition").get("events").get(0).get("withinDays").asInt()).isEqualTo(7);
    await().atMost(Duration.ofSeconds(20)).until(() ->
        "READY".equals(api.get("/api/v1/segments/" + s.get("id").asString(), marketing.token()).json().get("state").asString()));
    Page list = pages.get("/segments");
    assertThat(list.html()).contains("Hot " + tag).contains("/leads?segmentId=" + s.get("id").asString());
  }

  @Test
  void aRefusedDefinitionIsShownAgainWithTheMessageOnItsInput() {
    PageClient pages = as(marketing);
    pages.get("/segments/new");

    Page refused = pages.post("/segments", "kind", "DYNAMIC", "name", "Bad " + tag, "match.scoreMin", "lots",
        "events[0].type", "PAGE_VIEW", "events[0].path", "pricing", "events[0].withinDays", "7", "events[0].atLeast", "1");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.html()).contains("data-testid=\"error-match.scoreMin\"").contains("data-testid=\"error-events[0].path\"")
        .contains("value=\"Bad " + tag + "\"");
  }

  @Test
  void aManagerPutsTickedLeadsInAListFromTheLeadList() {
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Ticked " + tag));
    String list = api.post("/api/v1/segments", marketing.token(), Map.of("name", "Call " + tag, "kind", "STATIC"))
        .json().get("id").asString();
    User manager = users.create(Role.SALES_MANAGER);
    PageClient pages = as(manager);
    assertThat(pages.get("/leads").html()).contains("/segments/members/add").contains("Call " + tag);

    Page added = pages.post("/segments/members/add", "segment", list, "ids", lead, "back", "/leads?q=x");

    assertThat(added.status()).isEqualTo(302);
    assertThat(added.location()).endsWith("/leads?q=x");
    assertThat(api.get("/api/v1/segments/" + list, marketing.token()).json().get("memberCount").asLong()).isEqualTo(1);
    assertThat(api.get("/api/v1/leads?segmentId=" + list, manager.token()).json().get("items").get(0).get("id").asString())
        .isEqualTo(lead);
    String detail = pages.get("/leads/" + lead).html();
    assertThat(detail.substring(detail.indexOf("data-testid=\"nurture-panel\""))).contains("Call " + tag);
  }

  @Test
  void aRepSeesTheSegmentsButNotTheEditor() {
    User rep = users.create(Role.SALES_REP);
    PageClient pages = as(rep);

    assertThat(pages.get("/segments").status()).isEqualTo(200);
    assertThat(pages.get("/segments").html()).doesNotContain("data-testid=\"new-dynamic\"");
    assertThat(pages.get("/segments/new").status()).isEqualTo(403);
    pages.get("/segments"); // the form token, so that only the role can refuse
    assertThat(pages.post("/segments", "kind", "STATIC", "name", "Rep " + tag).status()).isEqualTo(403);
  }
}
