package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sarnakh.platform.db.Tables.LEAD;
import static org.sarnakh.platform.db.Tables.LEAD_HISTORY;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.Api.Response;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.PageClient;
import org.sarnakh.testing.PageClient.Page;
import org.sarnakh.testing.TestData;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The duplicate guard: one exact match on normalised email, E.164 phone or external id against
 * leads and contacts, asked by the API and the pages alike; refuse, merge or allow as asked.
 */
@IntegrationTest
class DuplicateGuardIT {

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
  void aSecondLeadWithTheSameEmailInAnotherCaseIsRefusedWithTheMatch() {
    String email = TestData.email();
    String first = api.createLead(manager.token(), Map.of("lastName", "First", "email", email));
    long before = db.fetchCount(LEAD);

    Response r = api.post("/api/v1/leads", manager.token(), Map.of("lastName", "Second", "email", email.toUpperCase()));

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    JsonNode match = r.json().get("matches").get(0);
    assertThat(match.get("kind").asString()).isEqualTo("LEAD");
    assertThat(match.get("id").asString()).isEqualTo(first);
    assertThat(match.get("matchedOn").asString()).isEqualTo("email");
    assertThat(match.get("name").asString()).isEqualTo("First");
    assertThat(db.fetchCount(LEAD)).isEqualTo(before);
  }

  @Test
  void theSamePhoneTypedInAnotherFormMatchesPhoneAndMobileAlike() {
    String mobile = TestData.mobile();
    String first = api.createLead(manager.token(), Map.of("lastName", "Mobile", "mobile", mobile));

    Response asPhone = api.post("/api/v1/leads", manager.token(),
        Map.of("lastName", "Phone", "phone", "0098 " + TestData.persianDigits(mobile.substring(1))));

    assertThat(asPhone.status()).isEqualTo(409);
    assertThat(asPhone.json().get("matches").get(0).get("id").asString()).isEqualTo(first);
    assertThat(asPhone.json().get("matches").get(0).get("matchedOn").asString()).isEqualTo("phone");
  }

  @Test
  void aContactWithTheEmailCountsToo() {
    String email = TestData.email();
    Response account = api.post("/api/v1/accounts", manager.token(), Map.of("name", "Acme " + UUID.randomUUID()));
    Response contact = api.post("/api/v1/contacts", manager.token(), Map.of("firstName", "Known", "lastName", "Person",
        "email", email, "accountId", account.json().get("id").asString()));
    assertThat(contact.status()).as(contact.body()).isEqualTo(201);

    Response r = api.post("/api/v1/leads", manager.token(), Map.of("lastName", "Again", "email", email));

    assertThat(r.status()).isEqualTo(409);
    JsonNode match = r.json().get("matches").get(0);
    assertThat(match.get("kind").asString()).isEqualTo("CONTACT");
    assertThat(match.get("id").asString()).isEqualTo(contact.json().get("id").asString());
    assertThat(match.get("name").asString()).isEqualTo("Known Person");
  }

  @Test
  void upsertMergesTheGivenFieldsIntoTheMatchingLeadAndKeepsTheRest() {
    String email = TestData.email();
    String first = api.createLead(manager.token(), Map.of("firstName", "Nima", "lastName", "Kept", "email", email,
        "title", "CTO"));

    Response r = api.post("/api/v1/leads?onDuplicate=upsert", manager.token(), Map.of("email", email, "title", "CEO",
        "accountName", "Pars"));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("id").asString()).isEqualTo(first);
    JsonNode lead = api.lead(first, manager.token());
    assertThat(lead.get("title").asString()).isEqualTo("CEO");
    assertThat(lead.get("accountName").asString()).isEqualTo("Pars");
    assertThat(lead.get("lastName").asString()).isEqualTo("Kept");
    assertThat(db.fetchCount(LEAD, LEAD.EMAIL.eq(email))).isEqualTo(1);
    assertThat(db.select(LEAD_HISTORY.OLD_VALUE, LEAD_HISTORY.NEW_VALUE).from(LEAD_HISTORY)
        .where(LEAD_HISTORY.LEAD_ID.eq(UUID.fromString(first)).and(LEAD_HISTORY.FIELD.eq("title"))).fetchOne().intoList())
        .containsExactly("CTO", "CEO");
  }

  @Test
  void upsertWithoutAMatchCreatesAndAReplayedKeyAnswersTheSame() {
    String email = TestData.email();
    String key = "key-" + UUID.randomUUID();

    Response created = api.postWith("/api/v1/leads?onDuplicate=upsert", manager.token(),
        Map.of("lastName", "Fresh", "email", email), "Idempotency-Key", key);
    Response replay = api.postWith("/api/v1/leads?onDuplicate=upsert", manager.token(),
        Map.of("lastName", "Fresh", "email", email), "Idempotency-Key", key);

    assertThat(created.status()).isEqualTo(201);
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.json().get("id").asString()).isEqualTo(created.json().get("id").asString());
    assertThat(db.fetchCount(LEAD, LEAD.EMAIL.eq(email))).isEqualTo(1);
  }

  @Test
  void allowCreatesASecondLeadKnowingly() {
    String email = TestData.email();
    api.createLead(manager.token(), Map.of("lastName", "One", "email", email));

    Response r = api.post("/api/v1/leads?onDuplicate=allow", manager.token(), Map.of("lastName", "Two", "email", email));

    assertThat(r.status()).isEqualTo(201);
    assertThat(db.fetchCount(LEAD, LEAD.EMAIL.eq(email))).isEqualTo(2);
  }

  @Test
  void anUnknownPolicyIsABadRequest() {
    Response r = api.post("/api/v1/leads?onDuplicate=sometimes", manager.token(), Map.of("lastName", "X"));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("onDuplicate");
  }

  @Test
  void theExternalIdIsAKeyAndADeletedLeadIsNoMatch() {
    String external = "crm-" + UUID.randomUUID();
    String first = api.createLead(manager.token(), Map.of("lastName", "Ext", "externalId", external));
    assertThat(api.post("/api/v1/leads", manager.token(), Map.of("lastName", "Ext2", "externalId", external)).status())
        .isEqualTo(409);

    api.delete("/api/v1/leads/" + first, manager.token());

    assertThat(api.post("/api/v1/leads", manager.token(), Map.of("lastName", "Ext3", "externalId", external)).status())
        .isEqualTo(201);
  }

  @Test
  void editingAnEmailIntoAnotherLeadsIsRefusedUnlessAllowed() {
    String taken = TestData.email();
    api.createLead(manager.token(), Map.of("lastName", "Owner", "email", taken));
    String other = api.createLead(manager.token(), Map.of("lastName", "Other", "email", TestData.email()));

    Response refused = api.patch("/api/v1/leads/" + other, manager.token(), Map.of("email", taken));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(api.lead(other, manager.token()).get("email").asString()).isNotEqualTo(taken);

    assertThat(api.patch("/api/v1/leads/" + other, manager.token(), Map.of("title", "unrelated")).status())
        .as("a change that touches no key is not checked").isEqualTo(200);
    assertThat(api.patch("/api/v1/leads/" + other + "?onDuplicate=allow", manager.token(), Map.of("email", taken))
        .status()).isEqualTo(200);
  }

  @Test
  void aRepCannotUpsertIntoALeadTheyCannotSee() {
    User admin = users.create(Role.ADMIN);
    User rep = users.create(Role.SALES_REP);
    User otherRep = users.create(Role.SALES_REP);
    String email = TestData.email();
    String hidden = api.createLead(admin.token(), Map.of("lastName", "Hidden", "email", email, "ownerId",
        otherRep.id().toString()));

    Response r = api.post("/api/v1/leads?onDuplicate=upsert", rep.token(), Map.of("email", email, "title", "Overwrite"));

    assertThat(r.status()).isEqualTo(409);
    assertThat(api.lead(hidden, admin.token()).get("title").isNull()).isTrue();
  }

  @Test
  void theFormWarnsAboutALikelyDuplicateAndSavesWhenTheUserConfirms() {
    String mobile = TestData.mobile();
    String first = api.createLead(manager.token(), Map.of("lastName", "Existing", "mobile", mobile));
    PageClient browser = new PageClient(port).signIn(manager.email(), manager.password());
    browser.get("/leads/new");

    Page hint = browser.htmx("/leads/duplicates?mobile=" + java.net.URLEncoder.encode(TestData.persianDigits(mobile), java.nio.charset.StandardCharsets.UTF_8) + "&email=");
    assertThat(hint.html()).contains("data-testid=\"duplicate-warning\"").contains("/leads/" + first);
    assertThat(browser.htmx("/leads/duplicates?mobile=not-a-number").html())
        .doesNotContain("data-testid=\"duplicate-warning\"");

    Page refused = browser.post("/leads", "lastName", "Newcomer", "mobile", mobile);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.html()).contains("data-testid=\"duplicate-warning\"").contains("value=\"Newcomer\"");
    assertThat(db.fetchCount(LEAD, LEAD.LAST_NAME.eq("Newcomer"))).isZero();

    Page saved = browser.post("/leads", "lastName", "Newcomer", "mobile", mobile, "confirmDuplicate", "true");
    assertThat(saved.status()).isEqualTo(302);
    assertThat(db.fetchCount(LEAD, LEAD.MOBILE.eq(TestData.e164(mobile)))).isEqualTo(2);
  }

  @Test
  void editingAPageIntoADuplicateIsRefusedOnThePageToo() {
    String taken = TestData.email();
    api.createLead(manager.token(), Map.of("lastName", "Holder", "email", taken));
    String id = api.createLead(manager.token(), Map.of("lastName", "Editor", "email", TestData.email()));
    PageClient browser = new PageClient(port).signIn(manager.email(), manager.password());
    browser.get("/leads/" + id + "/edit");

    Page refused = browser.post("/leads/" + id, "lastName", "Editor", "email", taken);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.html()).contains("data-testid=\"duplicate-warning\"");
    assertThat(api.lead(id, manager.token()).get("email").asString()).isNotEqualTo(taken);
    assertThat(List.of(browser.post("/leads/" + id, "lastName", "Editor", "email", taken, "confirmDuplicate", "true")
        .status())).containsExactly(302);
  }
}
