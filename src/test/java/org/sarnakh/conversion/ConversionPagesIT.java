package org.sarnakh.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sarnakh.platform.db.Tables.ACCOUNT;
import static org.sarnakh.platform.db.Tables.CONTACT;
import static org.sarnakh.platform.db.Tables.OPPORTUNITY;
import static org.sarnakh.platform.db.Tables.QUALIFICATION_ITEM;

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

/**
 * The conversion pages over real HTTP with a signed-in session: the lead page's panel, the convert
 * form and its refusals, what the new records' pages show of the lead, and the settings page.
 */
@IntegrationTest
class ConversionPagesIT {

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
    admin = users.create(Role.ADMIN);
    rep = users.create(Role.SALES_REP, users.team().id());
  }

  @AfterEach
  void resetSettings() {
    db.update(QUALIFICATION_ITEM).set(QUALIFICATION_ITEM.ACTIVE, false).execute();
    api.delete("/api/v1/settings/conversion-mapping", admin.token());
  }

  PageClient signedIn(User user) {
    return new PageClient(port).signIn(user.email(), user.password());
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  @Test
  void convertPageTurnsTheLeadIntoRecordsWhosePagesShowTheLead() {
    String company = unique("Zagros ");
    String id = api.createLead(rep.token(), Map.of("firstName", "Leila", "lastName", "Ahmadi", "accountName", company,
        "rating", "WARM", "opportunityAmount", Map.of("amount", "900000", "currency", "IRR")));
    PageClient page = signedIn(rep);
    var lead = page.get("/leads/" + id);
    assertThat(lead.element("a", "convert-lead")).contains("/leads/" + id + "/convert");

    var form = page.get("/leads/" + id + "/convert");
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.html()).contains("value=\"Leila\"").contains("value=\"" + company + "\"").contains("value=\"900000\"");
    assertThat(form.element("ul", "convert-notes")).contains("rating: WARM");
    var done = page.post("/leads/" + id + "/convert", "contact", "create", "contact.firstName", "Leila",
        "contact.lastName", "Ahmadi-Rad", "account", "create", "account.name", company, "opportunity", "on",
        "opportunity.name", "Zagros rollout", "opportunity.amount", "900000", "opportunity.currency", "IRR",
        "opportunity.stage", "PROPOSAL");

    assertThat(done.status()).as(done.html()).isEqualTo(302);
    assertThat(done.location()).contains("/contacts/");
    var contact = page.follow(done);
    assertThat(contact.element("h1", "record-name")).contains("Leila Ahmadi-Rad");
    assertThat(contact.element("a", "origin-lead-link")).contains("/leads/" + id);
    assertThat(contact.element("ol", "origin-timeline")).contains("CONVERTED");
    assertThat(contact.element("p", "record-notes")).contains("rating: WARM");
    assertThat(contact.element("a", "record-account")).contains(company);
    assertThat(contact.element("ul", "record-deals")).contains("Zagros rollout");
    var converted = page.get("/leads/" + id);
    assertThat(converted.html()).doesNotContain("data-testid=\"convert-lead\"");
    assertThat(converted.element("ul", "converted-into")).contains(company).contains("Zagros rollout");
  }

  @Test
  void convertPageProposesTheAccountAndContactTheDuplicateGuardFinds() {
    String company = unique("Sepahan ");
    String email = unique("known") + "@example.ir";
    String account = api.post("/api/v1/accounts", rep.token(), Map.of("name", company)).json().get("id").asString();
    String contact = api.post("/api/v1/contacts", rep.token(), Map.of("lastName", "Known", "email", email))
        .json().get("id").asString();
    var created = api.post("/api/v1/leads?onDuplicate=allow", rep.token(),
        Map.of("lastName", "Known", "accountName", company, "email", email));
    String id = created.json().get("id").asString();
    PageClient page = signedIn(rep);

    var form = page.get("/leads/" + id + "/convert");

    assertThat(form.html()).containsPattern("data-testid=\"link-account-" + account + "\"[^>]*checked|checked[^>]*data-testid=\"link-account-" + account + "\"");
    assertThat(form.html()).containsPattern("data-testid=\"link-contact-" + contact + "\"[^>]*checked|checked[^>]*data-testid=\"link-contact-" + contact + "\"");
    var done = page.post("/leads/" + id + "/convert", "contact", contact, "account", account);
    assertThat(done.status()).as(done.html()).isEqualTo(302);
    assertThat(done.location()).endsWith("/contacts/" + contact);
  }

  @Test
  void deadLeadsShowNoConvertButtonAndTheirConvertPageSendsBack() {
    String id = api.createLead(rep.token(), Map.of("lastName", "Lost", "accountName", unique("Lost ")));
    api.post("/api/v1/leads/" + id + "/status", rep.token(), Map.of("status", "DEAD", "reason", "no_need"));
    PageClient page = signedIn(rep);

    assertThat(page.get("/leads/" + id).html()).doesNotContain("data-testid=\"convert-lead\"");
    var form = page.get("/leads/" + id + "/convert");
    assertThat(form.status()).isEqualTo(302);
    assertThat(form.location()).endsWith("/leads/" + id);
  }

  @Test
  void aRefusedConversionKeepsTheFormAndCreatesNothing() {
    String id = api.createLead(rep.token(), Map.of("lastName", "Alone"));
    PageClient page = signedIn(rep);
    page.get("/leads/" + id + "/convert");

    var refused = page.post("/leads/" + id + "/convert", "contact", "create", "contact.lastName", "Alone",
        "account", "none", "opportunity", "on", "opportunity.name", "<b>Solo</b>");

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.element("div", "convert-problem")).isNotEmpty();
    assertThat(refused.html()).contains("value=\"&lt;b&gt;Solo&lt;/b&gt;\"").doesNotContain("<b>Solo</b>");
    UUID lead = UUID.fromString(id);
    assertThat(db.fetchCount(CONTACT, CONTACT.ORIGIN_LEAD_ID.eq(lead)) + db.fetchCount(ACCOUNT, ACCOUNT.ORIGIN_LEAD_ID.eq(lead))
        + db.fetchCount(OPPORTUNITY, OPPORTUNITY.ORIGIN_LEAD_ID.eq(lead))).isZero();
  }

  @Test
  void checklistIsDefinedOnTheSettingsPageAndTickedOnTheLeadPage() {
    String code = unique("need_");
    PageClient adminPage = signedIn(admin);
    adminPage.get("/settings/conversion");
    var added = adminPage.post("/settings/conversion/items", "code", code, "label", "Need confirmed");
    assertThat(added.status()).isEqualTo(302);
    assertThat(adminPage.get("/settings/conversion").element("tr", "item-" + code)).contains("Need confirmed");
    assertThat(signedIn(rep).get("/settings/conversion").status()).isEqualTo(403);
    String id = api.createLead(rep.token(), Map.of("lastName", "Ticked", "accountName", unique("Tick ")));
    PageClient page = signedIn(rep);
    assertThat(page.get("/leads/" + id).element("p", "checklist-missing")).isNotEmpty();

    var ticked = page.post("/leads/" + id + "/qualification", "checked", code);

    assertThat(ticked.status()).isEqualTo(302);
    assertThat(api.get("/api/v1/leads/" + id + "/qualification", rep.token()).json().get("complete").asBoolean()).isTrue();
    assertThat(page.get("/leads/" + id).html()).doesNotContain("data-testid=\"checklist-missing\"");
  }

  @Test
  void theMappingFormRefusesAMismatchAndSavesWhatFits() {
    PageClient page = signedIn(admin);
    page.get("/settings/conversion");

    var mismatch = page.post("/settings/conversion/mapping", "targets.email", "contact.phone");
    assertThat(mismatch.status()).isEqualTo(422);
    assertThat(mismatch.element("div", "mapping-errors")).contains("contact.phone");
    var saved = page.post("/settings/conversion/mapping", "targets.email", "contact.email", "policy.rating", "REFUSE");

    assertThat(saved.status()).isEqualTo(302);
    var mapping = api.get("/api/v1/settings/conversion-mapping", admin.token()).json();
    assertThat(mapping.get("rules").valueStream().map(r -> r.get("source").asString() + ">" + r.get("target").asString()))
        .containsExactly("email>contact.email");
    assertThat(mapping.get("unmapped").get("rating").asString()).isEqualTo("REFUSE");
    assertThat(mapping.get("unmapped").get("firstName").asString()).isEqualTo("NOTE");
  }

  @Test
  void formsWithoutTheCsrfTokenAreRefused() {
    String id = api.createLead(rep.token(), Map.of("lastName", "Forged", "accountName", unique("Forged ")));
    PageClient page = signedIn(rep);

    var forged = page.postWithoutCsrf("/leads/" + id + "/convert", "contact", "create", "account", "create");

    assertThat(forged.status()).isEqualTo(403);
    assertThat(api.lead(id, rep.token()).get("status").asString()).isNotEqualTo("CONVERTED");
    assertThat(List.of(db.fetchCount(CONTACT, CONTACT.ORIGIN_LEAD_ID.eq(UUID.fromString(id))))).containsExactly(0);
  }
}
