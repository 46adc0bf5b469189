package org.sarnakh.nurture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sarnakh.platform.db.Tables.MAIL_OUTBOX;

import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
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

/** The template editor: a variant per language, refusals on their input, a preview for a lead, a test send. */
@IntegrationTest
class EmailTemplatePagesIT {

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

  PageClient as(User user) {
    return new PageClient(port).signIn(user.email(), user.password());
  }

  @Test
  void marketingWritesAPersianTemplatePreviewsItForALeadAndSendsATest() {
    String lead = api.createLead(marketing.token(), Map.of("firstName", "مریم", "lastName", "احمدی"));
    PageClient pages = as(marketing);
    assertThat(pages.get("/email-templates").status()).isEqualTo(200);
    Page editor = pages.get("/email-templates/new");
    assertThat(editor.html()).contains("name=\"variants.fa.subject\"").contains("{{lead.firstName}}");

    Page saved = pages.post("/email-templates", "name", "Welcome " + tag, "defaultLanguage", "fa", "version", "",
        "variants.fa.subject", "سلام {{lead.firstName}}", "variants.fa.html", "<p>سلام <b>{{lead.firstName}}</b></p>",
        "variants.fa.text", "", "variants.ar.subject", "", "variants.ar.html", "", "variants.ar.text", "",
        "variants.en.subject", "", "variants.en.html", "", "variants.en.text", "");
    assertThat(saved.status()).as(saved.html()).isEqualTo(302);
    String id = saved.location().substring(saved.location().lastIndexOf('/') + 1);

    pages.get("/email-templates/" + id);
    Page preview = pages.post("/email-templates/" + id + "/preview", "leadId", lead, "language", "");
    assertThat(preview.status()).as(preview.html()).isEqualTo(200);
    assertThat(PageClient.text(preview.element("span", "rendered-subject"))).isEqualTo("سلام مریم");
    assertThat(preview.html()).contains("srcdoc=").contains("sandbox");

    Page sent = pages.post("/email-templates/" + id + "/test", "leadId", lead);
    assertThat(sent.status()).isEqualTo(302);
    assertThat(db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.RECIPIENT.eq(marketing.email())
        .and(MAIL_OUTBOX.SUBJECT.eq("[test] سلام مریم")))).isEqualTo(1);
  }

  @Test
  void anUnknownMergeFieldIsShownOnItsInputAndTheInputsAreKept() {
    PageClient pages = as(marketing);
    pages.get("/email-templates/new");

    Page refused = pages.post("/email-templates", "name", "Bad " + tag, "defaultLanguage", "en", "version", "",
        "variants.en.subject", "Hi {{lead.salary}}", "variants.en.html", "", "variants.en.text", "Body",
        "variants.fa.subject", "", "variants.fa.html", "", "variants.fa.text", "",
        "variants.ar.subject", "", "variants.ar.html", "", "variants.ar.text", "");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.html()).contains("data-testid=\"error-variants.en.subject\"").contains("Hi {{lead.salary}}");
  }

  @Test
  void salesCannotOpenTheTemplates() {
    PageClient pages = as(users.create(Role.SALES_MANAGER));

    assertThat(pages.get("/email-templates").status()).isEqualTo(403);
    assertThat(pages.get("/leads").html()).doesNotContain("nav-templates");
  }
}
