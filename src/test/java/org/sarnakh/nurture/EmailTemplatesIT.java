package org.sarnakh.nurture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sarnakh.platform.db.Tables.MAIL_OUTBOX;

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
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Email templates: per-language variants with merge fields, refused when a field is unknown or the
 * HTML is broken or unsafe; rendered for a real lead in its language, right to left for Persian,
 * with every value escaped; a test send goes to the author through the outbox.
 */
@IntegrationTest
class EmailTemplatesIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  DSLContext db;

  Api api;
  User marketing;
  String tag;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    marketing = users.create(Role.MARKETING);
    tag = UUID.randomUUID().toString().substring(0, 8);
  }

  Map<String, Object> welcome() {
    return Map.of("name", "Welcome " + tag, "defaultLanguage", "en", "variants", Map.of(
        "fa", Map.of("subject", "سلام {{lead.firstName | دوست}}", "html",
            "<p>سلام <b>{{lead.firstName}}</b>، من {{owner.name | تیم فروش}} هستم.</p><p><a href=\"{{unsubscribeUrl}}\">لغو</a></p>"),
        "en", Map.of("subject", "Hello {{lead.firstName | there}}", "html",
            "<p>Hello <b>{{lead.firstName}}</b> from {{lead.accountName}}.</p>", "text", "Hello {{lead.firstName}}")));
  }

  String create(Map<String, Object> body) {
    Response r = api.post("/api/v1/email-templates", marketing.token(), body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  Response put(String id, Map<String, Object> body, String ifMatch) {
    return api.send(api.builder("/api/v1/email-templates/" + id, marketing.token()).header("Content-Type", "application/json")
        .header("If-Match", ifMatch).PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)))
        .build());
  }

  @Test
  void aPersianLeadGetsThePersianVariantRightToLeftWithItsValuesEscaped() {
    String id = create(welcome());
    String lead = api.createLead(marketing.token(), Map.of("firstName", "سارا<script>", "lastName", "کریمی"));

    Response r = api.post("/api/v1/email-templates/" + id + "/preview", marketing.token(), Map.of("leadId", lead));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode mail = r.json();
    assertThat(mail.get("language").asString()).isEqualTo("fa");
    assertThat(mail.get("subject").asString()).isEqualTo("سلام سارا<script>");
    assertThat(mail.get("html").asString()).contains("dir=\"rtl\"").contains("lang=\"fa\"")
        .contains("سارا&lt;script&gt;").doesNotContain("سارا<script>").contains("تیم فروش");
    assertThat(mail.get("text").asString()).contains("سلام سارا<script>").doesNotContain("<b>");
  }

  @Test
  void anEnglishLeadGetsTheEnglishVariantAndAChosenLanguageWins() {
    String id = create(welcome());
    String lead = api.createLead(marketing.token(), Map.of("firstName", "Sam", "accountName", "Acme & Sons"));

    JsonNode en = api.post("/api/v1/email-templates/" + id + "/preview", marketing.token(), Map.of("leadId", lead)).json();
    JsonNode fa = api.post("/api/v1/email-templates/" + id + "/preview", marketing.token(),
        Map.of("leadId", lead, "language", "fa")).json();

    assertThat(en.get("language").asString()).isEqualTo("en");
    assertThat(en.get("html").asString()).contains("dir=\"ltr\"").contains("Acme &amp; Sons");
    assertThat(en.get("text").asString()).isEqualTo("Hello Sam");
    assertThat(fa.get("subject").asString()).isEqualTo("سلام Sam");
  }

  @Test
  void unknownMergeFieldsBrokenAndUnsafeHtmlAreRefusedByVariantAndNothingIsSaved() {
    Response unknown = api.post("/api/v1/email-templates", marketing.token(), Map.of("name", "Bad " + tag, "variants",
        Map.of("en", Map.of("subject", "Hi {{lead.password}}", "text", "x"))));
    Response broken = api.post("/api/v1/email-templates", marketing.token(), Map.of("name", "Bad " + tag, "variants",
        Map.of("en", Map.of("subject", "Hi", "html", "<p>Hello <b>there</p>"))));
    Response unsafe = api.post("/api/v1/email-templates", marketing.token(), Map.of("name", "Bad " + tag, "variants",
        Map.of("fa", Map.of("subject", "Hi", "html", "<p onclick=\"steal()\">x</p><script>alert(1)</script>"))));
    Response jsLink = api.post("/api/v1/email-templates", marketing.token(), Map.of("name", "Bad " + tag, "variants",
        Map.of("ar", Map.of("subject", "Hi", "html", "<a href=\"javascript:alert(1)\">x</a>"))));

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("variants.en.subject").contains("lead.password");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.body()).contains("variants.en.html").contains("malformed HTML");
    assertThat(unsafe.status()).isEqualTo(400);
    assertThat(unsafe.body()).contains("variants.fa.html");
    assertThat(jsLink.status()).isEqualTo(400);
    assertThat(api.get("/api/v1/email-templates", marketing.token()).body()).doesNotContain("Bad " + tag);
  }

  @Test
  void aTestSendGoesToTheAuthorThroughTheOutbox() {
    String id = create(welcome());
    String lead = api.createLead(marketing.token(), Map.of("firstName", "Sam"));

    Response r = api.post("/api/v1/email-templates/" + id + "/test", marketing.token(), Map.of("leadId", lead));

    assertThat(r.status()).as(r.body()).isEqualTo(202);
    assertThat(db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.RECIPIENT.eq(marketing.email())
        .and(MAIL_OUTBOX.SUBJECT.eq("[test] Hello Sam")))).isEqualTo(1);
  }

  @Test
  void aStaleEditorGets412AndSalesCannotReadTemplates() {
    String id = create(welcome());
    Response first = put(id, Map.of("name", "Renamed " + tag), "\"0\"");
    Response stale = put(id, Map.of("name", "Again " + tag), "\"0\"");
    User rep = users.create(Role.SALES_REP);

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().get("variants").get("fa").get("subject").asString()).contains("{{lead.firstName");
    assertThat(stale.status()).isEqualTo(412);
    assertThat(api.get("/api/v1/email-templates/" + id, rep.token()).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/email-templates", rep.token(), welcome()).status()).isEqualTo(403);
    List<String> names = api.get("/api/v1/email-templates", marketing.token()).json().get("items").valueStream()
        .map(t -> t.get("name").asString()).toList();
    assertThat(names).contains("Renamed " + tag).doesNotContain("Again " + tag);
  }
}
