package org.sarnakh.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
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

/** Accounts, contacts and opportunities pages: lists with search, forms, the pipeline board and the stage API. */
@IntegrationTest
class CrmPagesIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  Api api;
  User rep;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    rep = users.create(Role.SALES_REP, users.team().id());
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Role.class)
  void everyRoleOpensTheCrmPagesAndSignedOutVisitorsAreSentToSignIn(Role role) {
    User user = users.create(role, users.team().id());
    PageClient page = new PageClient(port).signIn(user.email(), user.password());
    PageClient anonymous = new PageClient(port);
    for (String path : java.util.List.of("/accounts", "/contacts", "/opportunities", "/opportunities/board",
        "/accounts/new", "/contacts/new", "/opportunities/new")) {
      assertThat(page.get(path).status()).as(path).isEqualTo(200);
      assertThat(anonymous.get(path).status()).as(path + " signed out").isEqualTo(302);
    }
    assertThat(page.get("/accounts").html()).contains("data-testid=\"nav-accounts\"");
  }

  @Test
  void accountIsCreatedEditedAndFoundBySearchThroughTheForms() {
    PageClient page = new PageClient(port).signIn(rep.email(), rep.password());
    String name = unique("شرکت <i>البرز</i> ");
    page.get("/accounts/new");

    var bad = page.post("/accounts", "name", "", "website", "not a site");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.html()).contains("data-testid=\"error-name\"");
    var created = page.post("/accounts", "name", name, "website", "https://alborz.example", "companySize", "۲۵");
    assertThat(created.status()).isEqualTo(302);
    String id = created.location().substring(created.location().lastIndexOf('/') + 1);
    var detail = page.follow(created);
    assertThat(detail.html()).doesNotContain("<i>البرز</i>").contains("&lt;i&gt;البرز&lt;/i&gt;");
    assertThat(api.get("/api/v1/accounts/" + id, rep.token()).json().get("companySize").asInt()).isEqualTo(25);

    page.get("/accounts/" + id + "/edit");
    var edited = page.post("/accounts/" + id, "name", name + " و شرکا", "version", "0", "website", "");
    assertThat(edited.status()).isEqualTo(302);
    var account = api.get("/api/v1/accounts/" + id, rep.token()).json();
    assertThat(account.get("name").asString()).endsWith("و شرکا");
    assertThat(account.get("website")).isNull();
    var stale = page.post("/accounts/" + id, "name", "late", "version", "0");
    assertThat(stale.status()).isEqualTo(409);
    // Arabic yeh and kaf find the Persian name.
    String q = name.substring(0, 4).replace('ک', 'ك').replace('ی', 'ي');
    assertThat(page.get("/accounts?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8)).html())
        .contains("/accounts/" + id);
    var none = page.get("/accounts?q=" + unique("zz"));
    assertThat(none.element("div", "empty")).isNotEmpty();
  }

  @Test
  void boardShowsEachStageWithCountAndSumAndMovesACardWithoutScript() {
    String account = api.post("/api/v1/accounts", rep.token(), Map.of("name", unique("Board "))).json().get("id").asString();
    String deal = api.post("/api/v1/opportunities", rep.token(), Map.of("name", unique("Deal "), "accountId", account,
        "amount", Map.of("amount", "1000", "currency", "EUR"))).json().get("id").asString();
    PageClient page = new PageClient(port).signIn(rep.email(), rep.password());
    var board = page.get("/opportunities/board");
    assertThat(board.element("div", "column-PROSPECTING")).isNotEmpty();
    assertThat(board.html()).contains("data-testid=\"card-" + deal + "\"").contains("data-testid=\"column-CLOSED_LOST\"");

    assertThat(page.get("/opportunities/" + deal).element("button", "stage-PROPOSAL")).isNotEmpty();
    assertThat(page.get("/opportunities/" + deal + "/edit").html()).contains("value=\"1000\"");
    assertThat(page.get("/opportunities/new?accountId=" + account).html()).contains("value=\"" + account + "\" selected");
    assertThat(page.get("/contacts/new").status()).isEqualTo(200);
    assertThat(page.get("/accounts/" + account).element("ul", "record-deals")).contains("/opportunities/" + deal);

    var moved = page.post("/opportunities/" + deal + "/stage", "stage", "QUALIFICATION", "version", "0");

    assertThat(moved.status()).isEqualTo(302);
    assertThat(api.get("/api/v1/opportunities/" + deal, rep.token()).json().get("stage").asString())
        .isEqualTo("QUALIFICATION");
    var stale = page.post("/opportunities/" + deal + "/stage", "stage", "PROPOSAL", "version", "0");
    assertThat(stale.status()).isEqualTo(302);
    assertThat(api.get("/api/v1/opportunities/" + deal, rep.token()).json().get("stage").asString())
        .isEqualTo("QUALIFICATION");
    var columns = api.get("/api/v1/opportunity-board", rep.token()).json().get("columns");
    var qualification = columns.valueStream().filter(c -> c.get("stage").asString().equals("QUALIFICATION")).findFirst()
        .orElseThrow();
    assertThat(qualification.get("count").asLong()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void opportunityStageAndAmountChangeByPatchGuardedByIfMatch() {
    String account = api.post("/api/v1/accounts", rep.token(), Map.of("name", unique("Patch "))).json().get("id").asString();
    var created = api.post("/api/v1/opportunities", rep.token(), Map.of("name", "Patch deal", "accountId", account));
    String deal = created.json().get("id").asString();
    assertThat(api.get("/api/v1/opportunities/" + deal, rep.token()).header("ETag")).isEqualTo("\"0\"");

    var moved = api.patch("/api/v1/opportunities/" + deal, rep.token(), Map.of("stage", "NEGOTIATION",
        "amount", Map.of("amount", "5000", "currency", "USD")), "If-Match", "\"0\"");
    var stale = api.patch("/api/v1/opportunities/" + deal, rep.token(), Map.of("stage", "CLOSED_WON"), "If-Match", "\"0\"");
    var unknownStage = api.patch("/api/v1/opportunities/" + deal, rep.token(), Map.of("stage", "DREAMING"));
    var noAccount = api.patch("/api/v1/opportunities/" + deal, rep.token(), java.util.Collections.singletonMap("accountId", null));

    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.header("ETag")).isEqualTo("\"1\"");
    assertThat(moved.json().get("amount").get("amount").asString()).isEqualTo("5000");
    assertThat(stale.status()).isEqualTo(412);
    assertThat(unknownStage.status()).isEqualTo(400);
    assertThat(noAccount.status()).isEqualTo(400);
    assertThat(api.get("/api/v1/opportunities/" + deal, rep.token()).json().get("stage").asString()).isEqualTo("NEGOTIATION");
  }

  @Test
  void aDealInARetiredStageCanStillBeEditedButNoDealMovesIntoIt() {
    User admin = users.create(Role.ADMIN);
    String stage = "PARKED_" + UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase();
    assertThat(api.post("/api/v1/settings/opportunity-stages", admin.token(), Map.of("code", stage,
        "labels", Map.of("en", "Parked"))).status()).isEqualTo(201);
    String account = api.post("/api/v1/accounts", rep.token(), Map.of("name", unique("Parked "))).json().get("id").asString();
    String deal = api.post("/api/v1/opportunities", rep.token(), Map.of("name", "Parked deal", "accountId", account,
        "stage", stage)).json().get("id").asString();
    String other = api.post("/api/v1/opportunities", rep.token(), Map.of("name", "Other deal", "accountId", account))
        .json().get("id").asString();
    assertThat(api.post("/api/v1/settings/opportunity-stages/" + stage + "/deactivate", admin.token(), null).status())
        .isEqualTo(204);

    var renamed = api.patch("/api/v1/opportunities/" + deal, rep.token(), Map.of("name", "Parked deal, renamed"));
    var moved = api.patch("/api/v1/opportunities/" + other, rep.token(), Map.of("stage", stage));

    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    assertThat(renamed.json().get("stage").asString()).isEqualTo(stage);
    assertThat(moved.status()).isEqualTo(400);
  }

  @Test
  void listsSayWhatToDoWhenEmptyAndPageByCursor() {
    PageClient page = new PageClient(port).signIn(rep.email(), rep.password());
    for (String kind : new String[] {"accounts", "contacts", "opportunities"}) {
      var list = page.get("/" + kind + "?q=" + unique("nothing"));
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.element("div", "empty")).isNotEmpty();
      assertThat(list.html()).contains("href=\"/" + kind + "\"");
    }
    String tag = unique("Cursor");
    for (int i = 0; i < 51; i++) {
      api.post("/api/v1/contacts", rep.token(), Map.of("lastName", tag + " " + i));
    }
    var first = page.get("/contacts?q=" + tag);
    assertThat(first.html()).contains("data-testid=\"next-page\"");
    String next = first.element("a", "next-page").replaceAll("(?s).*href=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
    var second = page.get(next);
    assertThat(second.html()).contains(tag + " 0").doesNotContain("data-testid=\"next-page\"");
  }
}
