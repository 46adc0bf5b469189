package org.sarnakh.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sarnakh.platform.db.Tables.ACCOUNT;
import static org.sarnakh.platform.db.Tables.CONTACT;
import static org.sarnakh.platform.db.Tables.LEAD_CONVERSION;
import static org.sarnakh.platform.db.Tables.OPPORTUNITY;
import static org.sarnakh.platform.db.Tables.QUALIFICATION_ITEM;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jooq.DSLContext;
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

/** Converting a lead over HTTP: what it becomes, and every refusal leaving nothing behind. */
@IntegrationTest
class ConversionIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  DSLContext db;

  Api api;
  User admin;
  User rep;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    admin = users.administrator();
    rep = users.create(Role.SALES_REP, users.team().id());
  }

  /** Checklist and mapping are the whole system's settings: every test starts from none and the defaults. */
  @AfterEach
  void resetSettings() {
    db.update(QUALIFICATION_ITEM).set(QUALIFICATION_ITEM.ACTIVE, false).execute();
    assertThat(api.delete("/api/v1/settings/conversion-mapping", admin.token()).status()).isEqualTo(200);
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  Response convert(String lead, String token, Object body) {
    return api.post("/api/v1/leads/" + lead + "/convert", token, body);
  }

  Response put(String path, String token, Object body) {
    return api.request("PUT", path, token, Api.JSON.writeValueAsString(body), "application/json");
  }

  /** Contacts, accounts, opportunities and conversion rows that came from this lead. */
  int recordsFrom(String lead) {
    UUID id = UUID.fromString(lead);
    return db.fetchCount(CONTACT, CONTACT.ORIGIN_LEAD_ID.eq(id)) + db.fetchCount(ACCOUNT, ACCOUNT.ORIGIN_LEAD_ID.eq(id))
        + db.fetchCount(OPPORTUNITY, OPPORTUNITY.ORIGIN_LEAD_ID.eq(id))
        + db.fetchCount(LEAD_CONVERSION, LEAD_CONVERSION.LEAD_ID.eq(id));
  }

  static Map<String, Object> withDeal() {
    return Map.of("opportunity", Map.of("name", "Fleet renewal", "closeDate", "2027-03-31", "stage", "QUALIFICATION"));
  }

  String fullLead(String token, String company) {
    String budget = unique("budget");
    assertThat(api.post("/api/v1/settings/custom-fields", admin.token(), Map.of("name", budget, "label", "Budget"))
        .status()).isEqualTo(201);
    Map<String, Object> lead = new LinkedHashMap<>();
    lead.put("firstName", "سارا");
    lead.put("lastName", "کریمی");
    lead.put("title", "مدیر فنی");
    lead.put("accountName", company);
    lead.put("email", unique("sara") + "@example.ir");
    lead.put("mobile", "0912" + (1000000 + (int) (Math.random() * 8999999)));
    lead.put("website", "https://" + unique("w") + ".ir");
    lead.put("industry", "technology");
    lead.put("leadSource", "trade_show");
    lead.put("rating", "HOT");
    lead.put("companySize", 120);
    lead.put("opportunityAmount", Map.of("amount", "2500000000", "currency", "IRR"));
    lead.put("address", Map.of("city", "تهران", "country", "IR"));
    lead.put("socials", Map.of("linkedin", "https://linkedin.com/in/sara"));
    lead.put("customFields", Map.of(budget, "large"));
    return api.createLead(token, lead);
  }

  @Test
  void leadBecomesAContactAnAccountAndADealCarryingItsData() {
    String company = unique("Pars Tech ");
    String id = fullLead(rep.token(), company);
    var lead = api.lead(id, rep.token());

    var done = convert(id, rep.token(), withDeal());

    assertThat(done.status()).as(done.body()).isEqualTo(201);
    assertThat(done.header("Location")).endsWith("/api/v1/leads/" + id + "/conversion");
    var contact = api.get("/api/v1/contacts/" + done.json().get("contactId").asString(), rep.token()).json();
    var account = api.get("/api/v1/accounts/" + done.json().get("accountId").asString(), rep.token()).json();
    var deal = api.get("/api/v1/opportunities/" + done.json().get("opportunityId").asString(), rep.token()).json();
    assertThat(contact.get("firstName").asString()).isEqualTo("سارا");
    assertThat(contact.get("email").asString()).isEqualTo(lead.get("email").asString());
    assertThat(contact.get("mobile").asString()).isEqualTo(lead.get("mobile").asString());
    assertThat(contact.get("address").get("city").asString()).isEqualTo("تهران");
    assertThat(contact.get("socials").get("linkedin").asString()).isEqualTo("https://linkedin.com/in/sara");
    assertThat(contact.get("accountId").asString()).isEqualTo(account.get("id").asString());
    assertThat(contact.get("ownerId").asString()).isEqualTo(rep.id().toString());
    assertThat(contact.get("originLeadId").asString()).isEqualTo(id);
    assertThat(contact.get("customFields").properties()).hasSize(1);
    // The rating has no place on the records: carried as a note on the contact, never dropped.
    assertThat(contact.get("notes").asString()).contains("rating: HOT");
    assertThat(account.get("name").asString()).isEqualTo(company);
    assertThat(account.get("industry").asString()).isEqualTo("technology");
    assertThat(account.get("companySize").asInt()).isEqualTo(120);
    assertThat(account.get("website").asString()).isEqualTo(lead.get("website").asString());
    assertThat(deal.get("amount").get("amount").asString()).isEqualTo("2500000000");
    assertThat(deal.get("stage").asString()).isEqualTo("QUALIFICATION");
    assertThat(deal.get("accountId").asString()).isEqualTo(account.get("id").asString());
    assertThat(deal.get("contactId").asString()).isEqualTo(contact.get("id").asString());
    assertThat(deal.get("leadSource").asString()).isEqualTo("trade_show");

    var converted = api.lead(id, rep.token());
    assertThat(converted.get("status").asString()).isEqualTo("CONVERTED");
    assertThat(converted.get("lifecycleStage").asString()).isEqualTo("OPPORTUNITY");
    assertThat(converted.get("convertedAt").isNull()).isFalse();
    var record = api.get("/api/v1/leads/" + id + "/conversion", rep.token());
    assertThat(record.status()).isEqualTo(200);
    assertThat(record.json().get("convertedBy").asString()).isEqualTo(rep.id().toString());
    assertThat(record.json().get("opportunityId").asString()).isEqualTo(deal.get("id").asString());
    assertThat(api.patch("/api/v1/leads/" + id, rep.token(), Map.of("title", "CEO")).status()).isEqualTo(409);
  }

  @Test
  void aRepeatedConversionWithItsIdempotencyKeyAnswersTheFirstResult() {
    String id = api.createLead(rep.token(), Map.of("lastName", "Twice", "accountName", unique("Twice ")));
    String key = unique("convert-");

    var first = api.postWith("/api/v1/leads/" + id + "/convert", rep.token(), withDeal(), "Idempotency-Key", key);
    var again = api.postWith("/api/v1/leads/" + id + "/convert", rep.token(), withDeal(), "Idempotency-Key", key);
    var withoutKey = convert(id, rep.token(), withDeal());

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().get("contactId").asString()).isEqualTo(first.json().get("contactId").asString());
    assertThat(withoutKey.status()).isEqualTo(409);
    assertThat(db.fetchCount(CONTACT, CONTACT.ORIGIN_LEAD_ID.eq(UUID.fromString(id)))).isEqualTo(1);
  }

  @Test
  void aLeadWhoseSourceWasRetiredStillConvertsAndTheRecordsKeepTheSource() {
    String source = "retired_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    assertThat(api.post("/api/v1/settings/lead-sources", admin.token(), Map.of("code", source,
        "labels", Map.of("en", "Retired"))).status()).isEqualTo(201);
    String id = api.createLead(rep.token(), Map.of("lastName", "Old", "accountName", unique("Old "),
        "leadSource", source));
    assertThat(api.post("/api/v1/settings/lead-sources/" + source + "/deactivate", admin.token(), null).status())
        .isEqualTo(204);

    var done = convert(id, rep.token(), withDeal());

    assertThat(done.status()).as(done.body()).isEqualTo(201);
    assertThat(api.get("/api/v1/contacts/" + done.json().get("contactId").asString(), rep.token()).json()
        .get("leadSource").asString()).isEqualTo(source);
  }

  @Test
  void campaignOfTheLeadTravelsToTheDealForReturnOnInvestment() {
    var marketing = users.create(Role.MARKETING);
    String campaign = api.post("/api/v1/campaigns", marketing.token(), Map.of("name", unique("Expo ")))
        .json().get("id").asString();
    String id = api.createLead(rep.token(), Map.of("lastName", "Rahimi", "accountName", unique("Kavir "),
        "campaignId", campaign));

    var done = convert(id, marketing.token(), withDeal());

    assertThat(done.status()).as(done.body()).isEqualTo(201);
    var deal = api.get("/api/v1/opportunities/" + done.json().get("opportunityId").asString(), rep.token()).json();
    assertThat(deal.get("campaignId").asString()).isEqualTo(campaign);
  }

  @Test
  void convertedDeadAndDeletedLeadsCannotConvertAndNothingIsCreated() {
    String converted = api.createLead(rep.token(), Map.of("lastName", "Once", "accountName", unique("Co ")));
    assertThat(convert(converted, rep.token(), Map.of()).status()).isEqualTo(201);
    int before = recordsFrom(converted);
    String dead = api.createLead(rep.token(), Map.of("lastName", "Gone", "accountName", unique("Co ")));
    assertThat(api.post("/api/v1/leads/" + dead + "/status", rep.token(),
        Map.of("status", "DEAD", "reason", "no_budget")).status()).isEqualTo(200);
    String deleted = api.createLead(admin.token(), Map.of("lastName", "Removed", "accountName", unique("Co ")));
    assertThat(api.delete("/api/v1/leads/" + deleted, admin.token()).status()).isEqualTo(204);

    var again = convert(converted, rep.token(), withDeal());
    var ofDead = convert(dead, rep.token(), withDeal());
    var ofDeleted = convert(deleted, admin.token(), withDeal());

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("type").asString()).endsWith("/lead-already-converted");
    assertThat(ofDead.status()).isEqualTo(409);
    assertThat(ofDead.json().get("type").asString()).endsWith("/lead-dead");
    assertThat(ofDeleted.status()).isEqualTo(409);
    assertThat(ofDeleted.json().get("type").asString()).endsWith("/lead-deleted");
    assertThat(recordsFrom(converted)).isEqualTo(before);
    assertThat(recordsFrom(dead)).isZero();
    assertThat(recordsFrom(deleted)).isZero();
  }

  @Test
  void twoConversionsRacingForOneLeadMakeOneSetOfRecords() throws Exception {
    String id = api.createLead(rep.token(), Map.of("lastName", "Race", "accountName", unique("Race ")));
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<CompletableFuture<Response>> calls = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        calls.add(CompletableFuture.supplyAsync(() -> {
          try {
            start.await();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return convert(id, rep.token(), withDeal());
        }, pool));
      }
      List<Integer> statuses = new ArrayList<>();
      for (var c : calls) {
        Response r = c.get();
        statuses.add(r.status());
        if (r.status() != 201) {
          assertThat(r.header("Content-Type")).as(r.body()).startsWith("application/problem+json");
        }
      }

      assertThat(statuses).containsExactlyInAnyOrder(201, 409);
    } finally {
      pool.shutdownNow();
    }
    UUID lead = UUID.fromString(id);
    assertThat(db.fetchCount(CONTACT, CONTACT.ORIGIN_LEAD_ID.eq(lead))).isEqualTo(1);
    assertThat(db.fetchCount(ACCOUNT, ACCOUNT.ORIGIN_LEAD_ID.eq(lead))).isEqualTo(1);
    assertThat(db.fetchCount(OPPORTUNITY, OPPORTUNITY.ORIGIN_LEAD_ID.eq(lead))).isEqualTo(1);
    assertThat(db.fetchCount(LEAD_CONVERSION, LEAD_CONVERSION.LEAD_ID.eq(lead))).isEqualTo(1);
  }

  @Test
  void aDealWithoutAnAccountIsRefusedAndNothingIsCreated() {
    String id = api.createLead(rep.token(), Map.of("firstName", "Nima", "lastName", "Solo"));

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("account", null);
    body.put("opportunity", Map.of("name", "Solo deal"));
    var refused = convert(id, rep.token(), body);

    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.json().get("type").asString()).endsWith("/opportunity-needs-account");
    assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("account");
    assertThat(recordsFrom(id)).isZero();
    assertThat(api.lead(id, rep.token()).get("status").asString()).isNotEqualTo("CONVERTED");
  }

  @Test
  void anUnknownExistingRecordIsRefusedAndNothingIsCreated() {
    String id = api.createLead(rep.token(), Map.of("lastName", "Linker", "accountName", unique("Link ")));
    String nobody = UUID.randomUUID().toString();

    var unknownContact = convert(id, rep.token(), Map.of("contact", Map.of("existingId", nobody)));
    var unknownAccount = convert(id, rep.token(), Map.of("account", Map.of("existingId", nobody)));

    assertThat(unknownContact.status()).as(unknownContact.body()).isEqualTo(422);
    assertThat(unknownContact.json().get("errors").get(0).get("field").asString()).isEqualTo("contact.existingId");
    assertThat(unknownAccount.status()).isEqualTo(422);
    assertThat(unknownAccount.json().get("errors").get(0).get("field").asString()).isEqualTo("account.existingId");
    assertThat(recordsFrom(id)).isZero();
  }

  @Test
  void aContactTheDuplicateGuardFindsIsProposedAndThenLinked() {
    String email = unique("known") + "@example.com";
    String company = unique("Known Co ");
    String account = api.post("/api/v1/accounts", rep.token(), Map.of("name", company)).json().get("id").asString();
    String contact = api.post("/api/v1/contacts", rep.token(), Map.of("lastName", "Known", "email", email))
        .json().get("id").asString();
    var created = api.post("/api/v1/leads?onDuplicate=allow", rep.token(),
        Map.of("lastName", "Known again", "accountName", company, "email", email));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asString();
    Map<String, Object> create = Map.of("contact", Map.of("create", Map.of("email", email)));

    var duplicate = convert(id, rep.token(), create);

    assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(409);
    assertThat(duplicate.json().get("type").asString()).endsWith("/duplicate-account");
    assertThat(duplicate.json().get("matches").get(0).get("id").asString()).isEqualTo(account);
    var withAccount = convert(id, rep.token(), Map.of("contact", Map.of("create", Map.of("email", email)),
        "account", Map.of("existingId", account)));
    assertThat(withAccount.status()).isEqualTo(409);
    assertThat(withAccount.json().get("type").asString()).endsWith("/duplicate-contact");
    assertThat(withAccount.json().get("matches").get(0).get("id").asString()).isEqualTo(contact);
    assertThat(recordsFrom(id)).isZero();

    var linked = convert(id, rep.token(), Map.of("contact", Map.of("existingId", contact),
        "account", Map.of("existingId", account)));

    assertThat(linked.status()).as(linked.body()).isEqualTo(201);
    assertThat(linked.json().get("contactId").asString()).isEqualTo(contact);
    assertThat(linked.json().get("accountId").asString()).isEqualTo(account);
    assertThat(api.get("/api/v1/contacts/" + contact, rep.token()).json().get("accountId").asString()).isEqualTo(account);
  }

  @Test
  void aMappingWhoseTypesDoNotFitIsRefusedWhenSaved() {
    String budget = unique("budget");
    api.post("/api/v1/settings/custom-fields", admin.token(), Map.of("name", budget, "label", "Budget"));
    var before = api.get("/api/v1/settings/conversion-mapping", admin.token()).body();

    var intoAmount = put("/api/v1/settings/conversion-mapping", admin.token(), Map.of("rules", List.of(
        Map.of("source", "firstName", "target", "contact.firstName"),
        Map.of("source", "customFields." + budget, "target", "opportunity.amount"))));
    var emailIntoPhone = put("/api/v1/settings/conversion-mapping", admin.token(), Map.of("rules", List.of(
        Map.of("source", "email", "target", "contact.phone"))));
    var longIntoShort = put("/api/v1/settings/conversion-mapping", admin.token(), Map.of("rules", List.of(
        Map.of("source", "description", "target", "contact.title"))));
    var byRep = put("/api/v1/settings/conversion-mapping", rep.token(), Map.of("rules", List.of()));

    assertThat(intoAmount.status()).as(intoAmount.body()).isEqualTo(422);
    assertThat(intoAmount.json().get("errors").get(0).get("field").asString()).isEqualTo("rules[1]");
    assertThat(intoAmount.json().get("errors").get(0).get("message").asString()).contains("opportunity.amount");
    assertThat(emailIntoPhone.status()).isEqualTo(422);
    assertThat(emailIntoPhone.json().get("errors").get(0).get("field").asString()).isEqualTo("rules[0]");
    assertThat(longIntoShort.status()).isEqualTo(422);
    assertThat(byRep.status()).isEqualTo(403);
    assertThat(api.get("/api/v1/settings/conversion-mapping", admin.token()).body()).isEqualTo(before);
  }

  @Test
  void anUnmappedCustomFieldSetToRefuseStopsTheConversionNamingIt() {
    String secret = unique("secret");
    api.post("/api/v1/settings/custom-fields", admin.token(), Map.of("name", secret, "label", "Secret"));
    var saved = put("/api/v1/settings/conversion-mapping", admin.token(),
        Map.of("unmapped", Map.of("customFields." + secret, "REFUSE")));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    String id = api.createLead(rep.token(), Map.of("lastName", "Keeper", "accountName", unique("Vault "),
        "customFields", Map.of(secret, "42")));

    var refused = convert(id, rep.token(), withDeal());

    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("customFields." + secret);
    assertThat(recordsFrom(id)).isZero();
    // An empty field refuses nothing: the same lead without the value converts.
    String empty = api.createLead(rep.token(), Map.of("lastName", "Empty", "accountName", unique("Vault ")));
    assertThat(convert(empty, rep.token(), Map.of()).status()).isEqualTo(201);
  }

  @Test
  void anIncompleteChecklistStopsTheConversionListingWhatIsMissing() {
    String budget = unique("b");
    String need = unique("n");
    assertThat(api.post("/api/v1/settings/qualification-items", admin.token(), Map.of("code", budget, "label", "Budget"))
        .status()).isEqualTo(201);
    assertThat(api.post("/api/v1/settings/qualification-items", admin.token(), Map.of("code", need, "label", "Need"))
        .status()).isEqualTo(201);
    assertThat(api.post("/api/v1/settings/qualification-items", rep.token(), Map.of("code", "x", "label", "X"))
        .status()).isEqualTo(403);
    String id = api.createLead(rep.token(), Map.of("lastName", "Bant", "accountName", unique("Bant ")));
    var ticked = put("/api/v1/leads/" + id + "/qualification", rep.token(), Map.of("checked", List.of(budget)));
    assertThat(ticked.status()).as(ticked.body()).isEqualTo(200);
    assertThat(ticked.json().get("missing").get(0).asString()).isEqualTo(need);

    var refused = convert(id, rep.token(), withDeal());

    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.json().get("type").asString()).endsWith("/qualification-incomplete");
    assertThat(refused.json().get("errors").valueStream().map(e -> e.get("field").asString()))
        .containsExactly("qualification." + need);
    assertThat(recordsFrom(id)).isZero();
    put("/api/v1/leads/" + id + "/qualification", rep.token(), Map.of("checked", List.of(budget, need)));
    assertThat(convert(id, rep.token(), withDeal()).status()).isEqualTo(201);
    assertThat(put("/api/v1/leads/" + id + "/qualification", rep.token(), Map.of("checked", List.of())).status())
        .isEqualTo(409);
  }

  @Test
  void aLeadTheCallerCannotSeeAnswers404AndStaysAsItWas() {
    User stranger = users.create(Role.SALES_REP, users.team().id());
    String id = api.createLead(rep.token(), Map.of("lastName", "Private", "accountName", unique("Private ")));

    var hidden = convert(id, stranger.token(), withDeal());

    assertThat(hidden.status()).isEqualTo(404);
    assertThat(recordsFrom(id)).isZero();
    assertThat(api.lead(id, rep.token()).get("status").asString()).isEqualTo("ASSIGNED");
  }
}
