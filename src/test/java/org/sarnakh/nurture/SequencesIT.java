package org.sarnakh.nurture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sarnakh.platform.db.Tables.MAIL_OUTBOX;

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
import org.sarnakh.testing.TestData;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Sequences end to end: steps sent once each after their delays, with one-click unsubscribe
 * headers, as marketing mail through the outbox; entry from a segment; leads without consent, with
 * a suppressed address or lost leave instead of being mailed; definitions are checked.
 */
@IntegrationTest
class SequencesIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  DSLContext db;

  @Autowired
  SequenceEngine engine;

  @Autowired
  Unsubscribes unsubscribes;

  @Autowired
  MutableClock clock;

  Api api;
  User marketing;
  String tag;
  String template;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    marketing = users.create(Role.MARKETING);
    tag = UUID.randomUUID().toString().substring(0, 8);
    Response t = api.post("/api/v1/email-templates", marketing.token(), Map.of("name", "Step " + tag, "variants",
        Map.of("en", Map.of("subject", "News for {{lead.firstName}}", "html",
            "<p>Hi {{lead.firstName}}</p><p><a href=\"{{unsubscribeUrl}}\">unsubscribe</a></p>"))));
    assertThat(t.status()).as(t.body()).isEqualTo(201);
    template = t.json().get("id").asString();
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  String sequence(Map<String, Object> extra) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Nurture " + tag + " " + UUID.randomUUID(),
        "state", "ACTIVE", "steps", List.of(Map.of("delay", "PT0S", "templateId", template),
            Map.of("delay", "P2D", "templateId", template))));
    body.putAll(extra);
    Response r = api.post("/api/v1/sequences", marketing.token(), body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  String lead(String email, String consent) {
    return api.createLead(marketing.token(), Map.of("firstName", "Sam", "lastName", "Reader " + tag, "email", email,
        "marketingConsent", Map.of("status", consent, "source", "test")));
  }

  void enroll(String sequence, String lead) {
    Response r = api.post("/api/v1/sequences/" + sequence + "/enrollments", marketing.token(), Map.of("leadIds", List.of(lead)));
    assertThat(r.json().get("enrolled").asInt()).as(r.body()).isEqualTo(1);
  }

  int mails(String email) {
    return db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.RECIPIENT.eq(email));
  }

  JsonNode enrollment(String lead) {
    return api.get("/api/v1/leads/" + lead + "/enrollments", marketing.token()).json().get("items").get(0);
  }

  @Test
  void eachStepIsSentOnceAfterItsDelayWithOneClickUnsubscribe() {
    String email = TestData.email();
    String lead = lead(email, "GRANTED");
    String seq = sequence(Map.of());
    enroll(seq, lead);

    engine.dispatch();
    await().atMost(Duration.ofSeconds(10)).until(() -> mails(email) == 1);
    var first = db.selectFrom(MAIL_OUTBOX).where(MAIL_OUTBOX.RECIPIENT.eq(email)).fetchOne();
    assertThat(first.getPurpose()).isEqualTo("MARKETING");
    assertThat(first.getSubject()).isEqualTo("News for Sam");
    assertThat(first.getHeaders()).contains("List-Unsubscribe-Post").contains("List-Unsubscribe=One-Click").contains("/u/");
    assertThat(first.getBodyHtml()).contains("/u/").doesNotContain("{{unsubscribeUrl}}");
    assertThat(first.getIdempotencyKey()).startsWith("sequence:").endsWith(":1");

    engine.dispatch();
    assertThat(mails(email)).isEqualTo(1);
    clock.advance(Duration.ofDays(2).plusMinutes(1));
    engine.dispatch();
    await().atMost(Duration.ofSeconds(10)).until(() -> mails(email) == 2);
    engine.dispatch();
    clock.advance(Duration.ofDays(30));
    engine.dispatch();
    assertThat(mails(email)).isEqualTo(2);
    clock.reset();
    await().atMost(Duration.ofSeconds(10)).until(() -> "COMPLETED".equals(enrollment(lead).get("state").asString()));
    assertThat(enrollment(lead).get("stepsSent").asInt()).isEqualTo(2);
  }

  @Test
  void aLeadWithoutConsentOrWithASuppressedAddressLeavesInsteadOfBeingMailed() {
    String unknownEmail = TestData.email();
    String noConsent = lead(unknownEmail, "UNKNOWN");
    String suppressedEmail = TestData.email();
    String suppressed = lead(suppressedEmail, "GRANTED");
    unsubscribes.suppress(suppressedEmail, Unsubscribes.Reason.HARD_BOUNCE, null, "test");
    String seq = sequence(Map.of());
    enroll(seq, noConsent);
    enroll(seq, suppressed);

    engine.dispatch();

    await().atMost(Duration.ofSeconds(10)).until(() -> "EXITED".equals(enrollment(noConsent).get("state").asString())
        && "EXITED".equals(enrollment(suppressed).get("state").asString()));
    assertThat(enrollment(noConsent).get("exitReason").asString()).isEqualTo("NO_CONSENT");
    assertThat(enrollment(suppressed).get("exitReason").asString()).isEqualTo("UNSUBSCRIBED");
    assertThat(mails(unknownEmail) + mails(suppressedEmail)).isZero();
  }

  @Test
  void aLeadThatUnsubscribesAfterTheFirstStepGetsNoSecond() {
    String email = TestData.email();
    String lead = lead(email, "GRANTED");
    String seq = sequence(Map.of());
    enroll(seq, lead);
    engine.dispatch();
    await().atMost(Duration.ofSeconds(10)).until(() -> mails(email) == 1);

    unsubscribes.unsubscribe(unsubscribes.read(unsubscribes.link(UUID.fromString(lead), email)
        .substring(unsubscribes.link(UUID.fromString(lead), email).indexOf("/u/") + 3)).orElseThrow(), "test");
    clock.advance(Duration.ofDays(3));
    engine.dispatch();

    assertThat(mails(email)).isEqualTo(1);
    clock.reset();
    await().atMost(Duration.ofSeconds(10)).until(() -> "EXITED".equals(enrollment(lead).get("state").asString()));
  }

  @Test
  void membersOfTheEntrySegmentAreEnrolledOnceAndALostLeadLeaves() {
    String email = TestData.email();
    String lead = lead(email, "GRANTED");
    String list = api.post("/api/v1/segments", marketing.token(), Map.of("name", "Entry " + tag, "kind", "STATIC"))
        .json().get("id").asString();
    api.post("/api/v1/segments/" + list + "/members", marketing.token(), Map.of("leadIds", List.of(lead)));
    String seq = sequence(Map.of("entrySegmentId", list, "exitOn", List.of("DEAD"),
        "steps", List.of(Map.of("delay", "P1D", "templateId", template))));

    engine.enterFromSegments();
    engine.enterFromSegments();
    assertThat(api.get("/api/v1/leads/" + lead + "/enrollments", marketing.token()).json().get("items").size()).isEqualTo(1);
    assertThat(enrollment(lead).get("enrolledVia").asString()).isEqualTo("SEGMENT");

    Response dead = api.post("/api/v1/leads/" + lead + "/status", marketing.token(), Map.of("status", "DEAD", "reason", "no_budget"));
    assertThat(dead.status()).as(dead.body()).isEqualTo(200);
    clock.advance(Duration.ofDays(1).plusMinutes(1));
    engine.dispatch();
    clock.reset();
    await().atMost(Duration.ofSeconds(10)).until(() -> "EXITED".equals(enrollment(lead).get("state").asString()));
    assertThat(enrollment(lead).get("exitReason").asString()).isEqualTo("DEAD");
    assertThat(mails(email)).isZero();
    assertThat(seq).isNotBlank();
  }

  @Test
  void badDefinitionsAreRefusedByField() {
    Response r = api.post("/api/v1/sequences", marketing.token(), Map.of("name", "Bad " + tag, "exitOn", List.of("NEVER"),
        "steps", List.of(Map.of("delay", "-P1D", "templateId", template), Map.of("delay", "P1D", "templateId",
            UUID.randomUUID().toString()))));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("exitOn").contains("steps[0].delay").contains("steps[1].templateId");
    Response rep = api.post("/api/v1/sequences", users.create(Role.SALES_REP).token(), Map.of("name", "x"));
    assertThat(rep.status()).isEqualTo(403);
  }
}
