package org.sarnakh.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sarnakh.platform.db.Tables.CONSENT_EVIDENCE;
import static org.sarnakh.platform.db.Tables.LEAD;
import static org.sarnakh.platform.db.Tables.TRACKING_EVENT;
import static org.sarnakh.platform.db.Tables.WEB_FORM_SUBMISSION;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.Api.Response;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestData;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Visitors posting public forms over real HTTP: leads created or updated through the duplicate
 * guard with consent evidence, refused answers shown inline with nothing stored, honeypot, double
 * submits, rate limits, redirects, CORS and inactive forms. Each test speaks from its own client
 * address (X-Forwarded-For from the loopback proxy, as behind a reverse proxy), so per-address
 * limits do not leak between tests.
 */
@IntegrationTest
@TestPropertySource(properties = {"server.forward-headers-strategy=native", "sarnakh.forms.per-address-per-minute=5"})
class FormSubmitIT {

  static final Pattern TOKEN = Pattern.compile("name=\"_token\" value=\"([^\"]+)\"");
  static final String ORIGIN = "https://www.example.com";

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  DSLContext db;

  Api api;
  User marketing;
  String address;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void setUp() {
    api = new Api(port);
    marketing = users.create(Role.MARKETING);
    address = "10." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256) + "."
        + ThreadLocalRandom.current().nextInt(1, 255);
  }

  JsonNode form(Map<String, Object> changes) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", "Contact " + UUID.randomUUID().toString().substring(0, 6));
    d.put("language", "fa");
    d.put("fields", List.of(Map.of("name", "firstName"), Map.of("name", "lastName"),
        Map.of("name", "email", "required", true), Map.of("name", "mobile")));
    d.put("consent", Map.of("required", true, "text", Map.of("fa", "با دریافت خبرنامه موافقم"),
        "policyUrl", "https://www.example.com/privacy"));
    d.put("defaults", Map.of("leadSource", "website", "tags", List.of("webform")));
    d.put("allowedOrigins", List.of(ORIGIN));
    d.put("redirectHosts", List.of("www.example.com"));
    d.putAll(changes);
    Response r = api.post("/api/v1/forms", marketing.token(), d);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  Response page(String key) {
    return api.send(HttpRequest.newBuilder(URI.create(api.base() + "/f/" + key)).header("X-Forwarded-For", address)
        .GET().build());
  }

  String token(String key) {
    Matcher m = TOKEN.matcher(page(key).body());
    assertThat(m.find()).as("the page carries a token").isTrue();
    return m.group(1);
  }

  Response post(String key, String... fields) {
    return postFrom(address, key, fields);
  }

  Response postFrom(String from, String key, String... fields) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < fields.length; i += 2) {
      pairs.add(URLEncoder.encode(fields[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
    }
    return api.send(HttpRequest.newBuilder(URI.create(api.base() + "/f/" + key))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", from)
        .header("User-Agent", "FormSubmitIT/1.0").POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)))
        .build());
  }

  Response postJson(String key, String origin, Object body) {
    var b = HttpRequest.newBuilder(URI.create(api.base() + "/f/" + key)).header("Content-Type", "application/json")
        .header("X-Forwarded-For", address).POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)));
    if (origin != null) {
      b.header("Origin", origin);
    }
    return api.send(b.build());
  }

  int leadsWithEmail(String email) {
    return db.fetchCount(LEAD, LEAD.EMAIL.eq(email.toLowerCase()));
  }

  UUID leadWithEmail(String email) {
    return db.select(LEAD.ID).from(LEAD).where(LEAD.EMAIL.eq(email.toLowerCase())).fetchSingle(LEAD.ID);
  }

  @Test
  void aSubmittedFormCreatesTheLeadWithConsentEvidenceAndATimelineEntry() {
    JsonNode form = form(Map.of());
    String key = form.get("key").asString();
    String email = TestData.email();

    Response shown = page(key);
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.header("Content-Security-Policy")).contains("default-src 'none'")
        .contains("form-action 'self' https://www.example.com");
    assertThat(shown.header("Set-Cookie")).as("no session for visitors").isNull();
    assertThat(shown.body()).contains("lang=\"fa\"").contains("dir=\"rtl\"").contains("با دریافت خبرنامه موافقم")
        .contains("<label class=\"form-label\" for=\"f-email\"").contains("bootstrap.rtl.min.css");
    assertThat(shown.body()).containsPattern("<input class=\"form-check-input\" type=\"checkbox\" id=\"f-consent\" name=\"consent\" value=\"yes\"(?![^>]*checked)");
    String token = TOKEN.matcher(shown.body()).results().findFirst().orElseThrow().group(1);

    Response r = post(key, "_token", token, "firstName", "سارا", "lastName", "کریمی", "email", email, "consent", "yes");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("data-testid=\"thanks\"").contains("سپاس");
    UUID lead = leadWithEmail(email);
    JsonNode stored = api.lead(lead.toString(), marketing.token());
    assertThat(stored.get("firstName").asString()).isEqualTo("سارا");
    assertThat(stored.get("leadSource").asString()).isEqualTo("website");
    assertThat(stored.get("tags").get(0).asString()).isEqualTo("webform");
    assertThat(stored.get("marketingConsent").get("status").asString()).isEqualTo("GRANTED");
    var evidence = db.selectFrom(CONSENT_EVIDENCE).where(CONSENT_EVIDENCE.LEAD_ID.eq(lead)).fetchSingle();
    assertThat(evidence.getGranted()).isTrue();
    assertThat(evidence.getConsentText()).isEqualTo("با دریافت خبرنامه موافقم");
    assertThat(evidence.getTextVersion()).isEqualTo(1);
    assertThat(evidence.getSourceAddress()).isEqualTo(address);
    assertThat(evidence.getUserAgent()).isEqualTo("FormSubmitIT/1.0");
    assertThat(evidence.getPolicyUrl()).isEqualTo("https://www.example.com/privacy");
    assertThat(evidence.getFormId().toString()).isEqualTo(form.get("id").asString());
    assertThat(evidence.getRecordedAt()).isNotNull();
    JsonNode history = api.get("/api/v1/leads/" + lead + "/history", marketing.token()).json().get("items");
    assertThat(history.valueStream().map(h -> h.get("via").asString())).contains("FORM");
    JsonNode timeline = api.get("/api/v1/leads/" + lead + "/timeline", marketing.token()).json().get("items");
    assertThat(timeline.valueStream().filter(i -> i.get("type").asString().equals("event"))
        .map(i -> i.get("details").get("eventType").asString())).contains("FORM_SUBMIT");
    assertThat(api.get("/api/v1/forms/" + form.get("id").asString(), marketing.token()).json().get("submissions").asInt())
        .isEqualTo(1);
  }

  @Test
  void consentRequiredButMissingIsShownInlineKeepsTheAnswersAndStoresNothing() {
    String key = form(Map.of()).get("key").asString();
    String email = TestData.email();

    Response r = post(key, "_token", token(key), "firstName", "Ana", "email", email);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("data-testid=\"error-consent\"").contains("value=\"" + email + "\"")
        .contains("value=\"Ana\"");
    assertThat(r.body()).doesNotContainPattern("id=\"f-consent\"[^>]*checked");
    assertThat(leadsWithEmail(email)).isZero();
    assertThat(db.fetchCount(WEB_FORM_SUBMISSION, WEB_FORM_SUBMISSION.FORM_ID.eq(
        UUID.fromString(api.get("/api/v1/forms?limit=1", marketing.token()).json().get("items").get(0).get("id").asString()))))
        .isZero();
  }

  @Test
  void aMissingRequiredFieldAndABadEmailAreNamedBesideTheirInputs() {
    String key = form(Map.of()).get("key").asString();

    Response missing = post(key, "_token", token(key), "firstName", "Ana", "consent", "yes");
    Response bad = post(key, "_token", token(key), "email", "not-an-email", "consent", "yes");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("data-testid=\"error-email\"").contains("لطفاً این بخش را پر کنید");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("data-testid=\"error-email\"").contains("aria-invalid=\"true\"");
  }

  @Test
  void aFilledHoneypotIsAnsweredAsASuccessAndStoresNothing() {
    String key = form(Map.of()).get("key").asString();
    String email = TestData.email();

    Response r = post(key, "_token", token(key), "email", email, "consent", "yes", "website_url", "http://spam.example");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("data-testid=\"thanks\"");
    assertThat(leadsWithEmail(email)).isZero();
  }

  @Test
  void theSameTokenPostedTwiceMakesOneLeadAndOneSubmission() {
    JsonNode form = form(Map.of());
    String key = form.get("key").asString();
    String email = TestData.email();
    String token = token(key);

    Response first = post(key, "_token", token, "lastName", "Twice", "email", email, "consent", "yes");
    Response second = post(key, "_token", token, "lastName", "Twice", "email", "other-" + email, "consent", "yes");

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body()).contains("data-testid=\"thanks\"");
    assertThat(leadsWithEmail(email)).isEqualTo(1);
    assertThat(leadsWithEmail("other-" + email)).isZero();
    assertThat(db.fetchCount(WEB_FORM_SUBMISSION,
        WEB_FORM_SUBMISSION.FORM_ID.eq(UUID.fromString(form.get("id").asString())))).isEqualTo(1);
  }

  @Test
  void aForgedTokenIsRefusedWithAFreshOneAndTheAnswersKept() {
    String key = form(Map.of()).get("key").asString();
    String email = TestData.email();
    String token = token(key);
    String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);

    Response r = post(key, "_token", forged, "email", email, "consent", "yes");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("منقضی").contains("value=\"" + email + "\"").doesNotContain(forged);
    assertThat(leadsWithEmail(email)).isZero();
  }

  @Test
  void aKnownEmailUpdatesTheLeadItMatchesInUpdateMode() {
    String key = form(Map.of("onDuplicate", "UPDATE")).get("key").asString();
    String email = TestData.email();
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Known", "email", email, "leadSource", "referral"));

    Response r = post(key, "_token", token(key), "firstName", "Newly", "email", email.toUpperCase(), "consent", "yes");

    assertThat(r.status()).isEqualTo(200);
    assertThat(leadsWithEmail(email)).isEqualTo(1);
    JsonNode stored = api.lead(lead, marketing.token());
    assertThat(stored.get("firstName").asString()).isEqualTo("Newly");
    assertThat(stored.get("lastName").asString()).isEqualTo("Known");
    assertThat(stored.get("leadSource").asString()).as("defaults are for new leads").isEqualTo("referral");
    assertThat(stored.get("marketingConsent").get("status").asString()).isEqualTo("GRANTED");
    assertThat(db.fetchCount(CONSENT_EVIDENCE, CONSENT_EVIDENCE.LEAD_ID.eq(UUID.fromString(lead)))).isEqualTo(1);
  }

  @Test
  void aKnownEmailLeavesTheLeadAsItIsInSkipModeButKeepsTheEvidence() {
    String key = form(Map.of("onDuplicate", "SKIP")).get("key").asString();
    String email = TestData.email();
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Kept", "email", email));
    long version = api.lead(lead, marketing.token()).get("version").asLong();

    Response r = post(key, "_token", token(key), "firstName", "Ignored", "email", email, "consent", "yes");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("data-testid=\"thanks\"");
    JsonNode stored = api.lead(lead, marketing.token());
    assertThat(stored.get("version").asLong()).isEqualTo(version);
    assertThat(stored.get("firstName").isNull() || stored.get("firstName").isMissingNode()).isTrue();
    assertThat(leadsWithEmail(email)).isEqualTo(1);
    assertThat(db.fetchCount(CONSENT_EVIDENCE, CONSENT_EVIDENCE.LEAD_ID.eq(UUID.fromString(lead)))).isEqualTo(1);
  }

  @Test
  void aFloodFromOneAddressIsAnswered429WithRetryAfter() {
    String key = form(Map.of()).get("key").asString();
    List<Integer> statuses = new ArrayList<>();
    Response last = null;
    for (int i = 0; i < 6; i++) {
      last = post(key, "_token", token(key), "email", TestData.email(), "consent", "yes");
      statuses.add(last.status());
    }
    assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
    assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 60);
    assertThat(last.body()).contains("data-testid=\"limited\"");
  }

  @Test
  void aFormsOwnLimitHoldsAcrossAddresses() {
    String key = form(Map.of("submissionsPerMinute", 2)).get("key").asString();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statuses.add(postFrom("10.200.0." + (i + 1 + ThreadLocalRandom.current().nextInt(200)), key,
          "email", TestData.email(), "consent", "yes").status());
    }
    assertThat(statuses).containsExactly(200, 200, 429);
  }

  @Test
  void aVisitorIsSentOnlyToAnAllowedHost() {
    String key = form(Map.of("redirectUrl", "https://www.example.com/thanks")).get("key").asString();

    Response standard = post(key, "_token", token(key), "email", TestData.email(), "consent", "yes");
    Response chosen = post(key, "_token", token(key), "email", TestData.email(), "consent", "yes",
        "_redirect", "https://www.example.com/welcome");
    Response foreign = post(key, "_token", token(key), "email", TestData.email(), "consent", "yes",
        "_redirect", "https://evil.example/phish");

    assertThat(standard.status()).isEqualTo(303);
    assertThat(standard.header("Location")).isEqualTo("https://www.example.com/thanks");
    assertThat(chosen.status()).isEqualTo(303);
    assertThat(chosen.header("Location")).isEqualTo("https://www.example.com/welcome");
    assertThat(foreign.status()).isEqualTo(200);
    assertThat(foreign.header("Location")).isNull();
    assertThat(foreign.body()).contains("data-testid=\"thanks\"");
  }

  @Test
  void corsIsAnsweredForTheFormsOriginsOnly() {
    String key = form(Map.of()).get("key").asString();
    var preflight = (java.util.function.Function<String, Response>) origin -> api.send(HttpRequest.newBuilder(
            URI.create(api.base() + "/f/" + key)).header("Origin", origin)
        .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

    Response allowed = preflight.apply(ORIGIN);
    Response refused = preflight.apply("https://evil.example");

    assertThat(allowed.status()).isEqualTo(200);
    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(allowed.header("Access-Control-Allow-Methods")).contains("POST");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("Access-Control-Allow-Origin")).isNull();

    String email = TestData.email();
    Response config = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/f/" + key + "/config"))
        .header("Origin", ORIGIN).GET().build());
    assertThat(config.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    String token = config.json().get("token").asString();
    Response foreign = postJson(key, "https://evil.example", Map.of("_token", token, "email", email, "consent", true));
    assertThat(foreign.status()).isEqualTo(403);
    assertThat(leadsWithEmail(email)).isZero();
    Response embedded = postJson(key, ORIGIN, Map.of("_token", token, "email", email, "consent", true));
    assertThat(embedded.status()).as(embedded.body()).isEqualTo(200);
    assertThat(embedded.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(embedded.json().get("status").asString()).isEqualTo("received");
    assertThat(leadsWithEmail(email)).isEqualTo(1);
  }

  @Test
  void aJsonPostRefusedByFieldNamesEachFieldInTheFormsLanguage() {
    String key = form(Map.of()).get("key").asString();
    Response r = postJson(key, ORIGIN, Map.of("email", "nope", "firstName", List.of("x")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("firstName");
    Response r2 = postJson(key, ORIGIN, Map.of("email", "nope"));
    List<String> fields = new ArrayList<>();
    r2.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields).contains("email", "consent");
    assertThat(r2.json().get("errors").get(0).get("text").asString()).isNotBlank();
  }

  @Test
  void markupIsKeptAsTypedAndEscapedWhileDirectionOverridesAreRefused() {
    String key = form(Map.of()).get("key").asString();
    String email = TestData.email();

    Response override = post(key, "_token", token(key), "firstName", "Ana\u202Egro", "lastName", "<script>alert(1)</script>",
        "email", email, "consent", "yes");

    assertThat(override.status()).isEqualTo(400);
    assertThat(override.body()).contains("data-testid=\"error-firstName\"")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)</script>");
    assertThat(leadsWithEmail(email)).isZero();

    Response markup = post(key, "_token", token(key), "lastName", "<script>alert(1)</script>", "email", email,
        "consent", "yes");
    assertThat(markup.status()).isEqualTo(200);
    assertThat(api.lead(leadWithEmail(email).toString(), marketing.token()).get("lastName").asString())
        .isEqualTo("<script>alert(1)</script>");
  }

  @Test
  void anInactiveFormAnswers404EverywhereAndStoresNothing() {
    JsonNode form = form(Map.of());
    String key = form.get("key").asString();
    String token = token(key);
    api.patch("/api/v1/forms/" + form.get("id").asString(), marketing.token(), Map.of("active", false));
    String email = TestData.email();

    Response shown = page(key);
    Response posted = post(key, "_token", token, "email", email, "consent", "yes");

    assertThat(shown.status()).isEqualTo(404);
    assertThat(shown.body()).contains("data-testid=\"not-found\"");
    assertThat(posted.status()).isEqualTo(404);
    assertThat(api.get("/f/" + key + "/embed.js", null).status()).isEqualTo(404);
    assertThat(api.get("/f/" + key + "/config", null).status()).isEqualTo(404);
    assertThat(page("frm_doesnotexist").status()).isEqualTo(404);
    assertThat(leadsWithEmail(email)).isZero();
  }

  @Test
  void theVisitorsAnonymousHistoryJoinsTheNewLead() {
    String key = form(Map.of()).get("key").asString();
    String visitor = "visitor-" + UUID.randomUUID();
    Response viewed = api.post("/api/v1/events", marketing.token(), Map.of("events", List.of(Map.of(
        "eventId", "pv-" + UUID.randomUUID(), "type", "PAGE_VIEW", "anonymousId", visitor, "url", "/pricing"))));
    assertThat(viewed.status()).isEqualTo(202);
    String email = TestData.email();
    String token = api.get("/f/" + key + "/config", null).json().get("token").asString();

    Response r = postJson(key, ORIGIN, Map.of("_token", token, "email", email, "consent", true, "_aid", visitor,
        "pageUrl", "https://www.example.com/contact"));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    UUID lead = leadWithEmail(email);
    assertThat(db.fetchCount(TRACKING_EVENT, TRACKING_EVENT.ANONYMOUS_ID.eq(visitor).and(TRACKING_EVENT.LEAD_ID.eq(lead))))
        .isEqualTo(2);
    assertThat(db.select(TRACKING_EVENT.PATH).from(TRACKING_EVENT).where(TRACKING_EVENT.LEAD_ID.eq(lead)
        .and(TRACKING_EVENT.EVENT_TYPE.eq("FORM_SUBMIT"))).fetchSingle(TRACKING_EVENT.PATH)).isEqualTo("/contact");
  }

  @Test
  void theEmbedScriptAndThePlainSnippetAreServedForTheForm() {
    JsonNode form = form(Map.of());
    String key = form.get("key").asString();
    Response script = api.get("/f/" + key + "/embed.js", null);
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.header("Content-Type")).startsWith("text/javascript");
    assertThat(script.body()).contains("/config").contains("application/json");
    String email = TestData.email();
    Response plain = post(key, "email", email, "consent", "yes");
    Response again = post(key, "email", email, "consent", "yes");
    assertThat(plain.status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(200);
    assertThat(leadsWithEmail(email)).isEqualTo(1);
    assertThat(db.fetchCount(WEB_FORM_SUBMISSION,
        WEB_FORM_SUBMISSION.FORM_ID.eq(UUID.fromString(form.get("id").asString())))).isEqualTo(1);
  }
}
