package org.sarnakh.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sarnakh.platform.db.Tables.TRACKING_EVENT;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.Api.Response;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.PageClient;
import org.sarnakh.testing.TestData;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Events by API and by the public endpoints: each counted once, attached to its lead (by id, email,
 * or the visitor it turned out to be), refused with a clear reason when it cannot be recorded, and
 * public links that cannot be forged or turned into open redirects.
 */
@IntegrationTest
class TrackingIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  DSLContext db;

  @Autowired
  TrackingLinks links;

  Api api;
  User marketing;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    marketing = users.create(Role.MARKETING);
  }

  static Map<String, Object> event(String type, Object... fields) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("eventId", "ev-" + UUID.randomUUID());
    e.put("type", type);
    for (int i = 0; i < fields.length; i += 2) {
      e.put((String) fields[i], fields[i + 1]);
    }
    return e;
  }

  Response post(List<?> events) {
    return api.post("/api/v1/events", marketing.token(), Map.of("events", events));
  }

  long eventsOf(String leadId) {
    return db.fetchCount(TRACKING_EVENT, TRACKING_EVENT.LEAD_ID.eq(UUID.fromString(leadId)));
  }

  @Test
  void eventsAreAttachedByIdOrEmailKeptWithTheirCampaignAndShownOnTheTimeline() {
    String email = TestData.email();
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Tracked", "email", email));
    String anonymous = "anon-" + UUID.randomUUID();

    Response r = post(List.of(
        event("PAGE_VIEW", "leadId", lead, "url", "https://shop.example/Pricing?utm_source=google&utm_campaign=spring"),
        event("EMAIL_OPEN", "email", email.toUpperCase(), "properties", Map.of("message", "welcome-1")),
        event("PAGE_VIEW", "anonymousId", anonymous, "url", "/careers")));

    assertThat(r.status()).as(r.body()).isEqualTo(202);
    assertThat(r.json().get("accepted").asInt()).isEqualTo(3);
    assertThat(r.json().get("rejected").size()).isZero();
    assertThat(eventsOf(lead)).isEqualTo(2);
    var row = db.selectFrom(TRACKING_EVENT).where(TRACKING_EVENT.LEAD_ID.eq(UUID.fromString(lead))
        .and(TRACKING_EVENT.EVENT_TYPE.eq("PAGE_VIEW"))).fetchSingle();
    assertThat(row.getPath()).isEqualTo("/pricing");
    assertThat(row.getUtmSource()).isEqualTo("google");
    assertThat(row.getUtmCampaign()).isEqualTo("spring");
    assertThat(db.fetchCount(TRACKING_EVENT, TRACKING_EVENT.ANONYMOUS_ID.eq(anonymous).and(TRACKING_EVENT.LEAD_ID.isNull())))
        .isEqualTo(1);

    JsonNode timeline = api.get("/api/v1/leads/" + lead + "/timeline", marketing.token()).json().get("items");
    assertThat(timeline.valueStream().filter(i -> i.get("type").asString().equals("event")).map(i ->
        i.get("details").get("eventType").asString())).containsExactlyInAnyOrder("PAGE_VIEW", "EMAIL_OPEN");
    String page = new PageClient(port).signIn(marketing.email(), marketing.password()).get("/leads/" + lead).html();
    assertThat(PageClient.text(page)).contains("بازدید صفحه").contains("/pricing").contains("باز کردن ایمیل");
  }

  @Test
  void anEventSentAgainCountsOnce() {
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Once"));
    Map<String, Object> view = event("PAGE_VIEW", "leadId", lead, "url", "/pricing");

    Response first = post(List.of(view, view));
    Response again = post(List.of(view));

    assertThat(first.json().get("accepted").asInt()).isEqualTo(1);
    assertThat(first.json().get("duplicates").asInt()).isEqualTo(1);
    assertThat(again.json().get("accepted").asInt()).isZero();
    assertThat(again.json().get("duplicates").asInt()).isEqualTo(1);
    assertThat(eventsOf(lead)).isEqualTo(1);
  }

  @Test
  void concurrentSendersOfTheSameEventsStoreEachOnce() throws Exception {
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Raced"));
    List<Map<String, Object>> batch = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      batch.add(event("PAGE_VIEW", "leadId", lead, "url", "/p/" + i));
    }
    var pool = Executors.newFixedThreadPool(4);
    List<Callable<Response>> senders = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      senders.add(() -> post(batch));
    }
    int accepted = 0;
    for (var f : pool.invokeAll(senders)) {
      Response r = f.get();
      assertThat(r.status()).as(r.body()).isEqualTo(202);
      accepted += r.json().get("accepted").asInt();
    }
    pool.shutdown();

    assertThat(accepted).isEqualTo(200);
    assertThat(eventsOf(lead)).isEqualTo(200);
  }

  @Test
  void eachEventThatCannotBeRecordedIsRefusedByIndexAndTheOthersAreKept() {
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Strict"));
    Instant now = Instant.now();

    Response r = post(List.of(
        event("PAGE_VIEW", "leadId", lead, "url", "/ok"),
        event("PAGE_VIEW", "leadId", UUID.randomUUID().toString()),
        event("PAGE_VIEW", "email", TestData.email()),
        event("PAGE_VIEW", "leadId", lead, "occurredAt", now.plus(Duration.ofHours(1)).toString()),
        event("PAGE_VIEW", "leadId", lead, "occurredAt", now.minus(Duration.ofDays(3700)).toString()),
        event("LOOKED_AROUND", "leadId", lead),
        event("PAGE_VIEW", "leadId", lead, "colour", "blue"),
        Map.of("type", "PAGE_VIEW", "leadId", lead),
        event("PAGE_VIEW", "leadId", lead, "url", "javascript:alert(1)"),
        event("CUSTOM", "leadId", lead, "properties", Map.of("nested", Map.of("a", 1))),
        event("PAGE_VIEW"),
        "not an event",
        event("CUSTOM", "leadId", lead, "properties", Map.of("note", "<script>alert(1)</script>"))));

    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
    Map<Integer, String> byIndex = new LinkedHashMap<>();
    r.json().get("rejected").valueStream().forEach(n -> byIndex.put(n.get("index").asInt(), n.get("field").asString()
        + ": " + n.get("detail").asString()));
    assertThat(byIndex.keySet()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    assertThat(byIndex.get(1)).isEqualTo("leadId: unknown lead");
    assertThat(byIndex.get(2)).isEqualTo("email: no lead has this email");
    assertThat(byIndex.get(3)).isEqualTo("occurredAt: in the future");
    assertThat(byIndex.get(4)).startsWith("occurredAt:");
    assertThat(byIndex.get(5)).startsWith("type:");
    assertThat(byIndex.get(6)).isEqualTo("colour: unknown field");
    assertThat(byIndex.get(7)).isEqualTo("eventId: required");
    assertThat(byIndex.get(8)).startsWith("url:");
    assertThat(byIndex.get(9)).startsWith("properties.nested:");
    assertThat(byIndex.get(10)).startsWith("leadId:");
    assertThat(eventsOf(lead)).isEqualTo(2);
  }

  @Test
  void batchesHoldOneToAThousandEventsAndOnlyIntegratorsMaySendThem() {
    List<Map<String, Object>> tooMany = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(event("PAGE_VIEW", "anonymousId", "a"));
    }
    assertThat(post(tooMany).status()).isEqualTo(400);
    assertThat(post(List.of()).status()).isEqualTo(400);

    List<Map<String, Object>> one = List.of(event("PAGE_VIEW", "anonymousId", "anon-" + UUID.randomUUID()));
    assertThat(api.post("/api/v1/events", users.create(Role.SALES_REP).token(), Map.of("events", one)).status())
        .isEqualTo(403);
    assertThat(api.post("/api/v1/events", users.create(Role.SALES_MANAGER).token(), Map.of("events", one)).status())
        .isEqualTo(403);
    assertThat(api.post("/api/v1/events", null, Map.of("events", one)).status()).isEqualTo(401);
    assertThat(api.post("/api/v1/events", users.create(Role.ADMIN).token(), Map.of("events", one)).status())
        .isEqualTo(202);
  }

  @Test
  void aVisitorsAnonymousHistoryJoinsTheLeadOnceTheyAreIdentified() {
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Stitched"));
    String visitor = "anon-" + UUID.randomUUID();
    post(List.of(event("PAGE_VIEW", "anonymousId", visitor, "url", "/"),
        event("PAGE_VIEW", "anonymousId", visitor, "url", "/pricing")));
    assertThat(eventsOf(lead)).isZero();

    Map<String, Object> identifying = event("FORM_SUBMIT", "anonymousId", visitor, "leadId", lead);
    post(List.of(identifying));
    post(List.of(identifying, event("PAGE_VIEW", "anonymousId", visitor, "url", "/demo")));

    assertThat(eventsOf(lead)).as("two anonymous views, the form, one later view").isEqualTo(4);
    assertThat(db.fetchCount(TRACKING_EVENT, TRACKING_EVENT.ANONYMOUS_ID.eq(visitor))).isEqualTo(4);
  }

  // ---- public endpoints ----

  String site(String origin) {
    Response r = api.post("/api/v1/tracking/sites", marketing.token(), Map.of("name", "Shop", "allowedOrigins",
        List.of(origin)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().get("snippet").asString()).contains("/t/s.js").contains(r.json().get("key").asString());
    return r.json().get("key").asString();
  }

  HttpResponse<String> beacon(String body, String... headers) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(api.base() + "/t/e")).header("Content-Type", "text/plain;charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return java.net.http.HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String view(String site, String visitor, String url, String identity) {
    return "{\"site\":\"" + site + "\",\"anonymousId\":\"" + visitor + "\",\"eventId\":\"pv-" + UUID.randomUUID()
        + "\",\"url\":\"" + url + "\",\"referrer\":null" + (identity == null ? "" : ",\"identity\":\"" + identity + "\"")
        + "}";
  }

  @Test
  void theSnippetsPageViewsComeOnlyFromTheSitesOriginsAndNotWhenTrackingIsRefused() throws Exception {
    String origin = "https://shop-" + UUID.randomUUID().toString().substring(0, 6) + ".example";
    String site = site(origin);
    String visitor = "anon-" + UUID.randomUUID();

    var ok = beacon(view(site, visitor, origin + "/pricing", null), "Origin", origin);
    assertThat(ok.statusCode()).isEqualTo(204);
    assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
    assertThat(beacon(view(site, visitor, origin + "/x", null), "Origin", "https://evil.example").statusCode())
        .isEqualTo(403);
    assertThat(beacon(view("site_unknown", visitor, origin + "/x", null), "Origin", origin).statusCode()).isEqualTo(404);
    assertThat(beacon(view(site, visitor, origin + "/dnt", null), "Origin", origin, "DNT", "1").statusCode())
        .isEqualTo(204);
    assertThat(beacon(view(site, visitor, origin + "/gpc", null), "Origin", origin, "Sec-GPC", "1").statusCode())
        .isEqualTo(204);
    assertThat(beacon("{not json", "Origin", origin).statusCode()).isEqualTo(400);
    assertThat(beacon("x".repeat(20_000), "Origin", origin).statusCode()).isEqualTo(413);

    assertThat(db.select(TRACKING_EVENT.PATH).from(TRACKING_EVENT).where(TRACKING_EVENT.ANONYMOUS_ID.eq(visitor))
        .fetch(TRACKING_EVENT.PATH)).containsExactly("/pricing");
    var snippet = api.get("/t/s.js", null);
    assertThat(snippet.status()).isEqualTo(200);
    assertThat(snippet.body()).contains("sendBeacon").contains("doNotTrack");
  }

  @Test
  void aSignedClickIsRecordedOnceRedirectsToItsAddressAndIdentifiesTheVisitorOnTheLandingPage() throws Exception {
    String origin = "https://land-" + UUID.randomUUID().toString().substring(0, 6) + ".example";
    String site = site(origin);
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Clicker"));
    String visitor = "anon-" + UUID.randomUUID();
    beacon(view(site, visitor, origin + "/blog", null), "Origin", origin);

    String link = links.click(UUID.fromString(lead), "welcome-1", origin + "/pricing?plan=pro#top");
    String path = link.substring(link.indexOf("/t/c/"));
    Response first = api.get(path, null);
    Response second = api.get(path, null);

    assertThat(first.status()).isEqualTo(302);
    String location = first.header("Location");
    assertThat(location).startsWith(origin + "/pricing?plan=pro&snk_t=").endsWith("#top");
    assertThat(second.status()).isEqualTo(302);
    assertThat(db.fetchCount(TRACKING_EVENT, TRACKING_EVENT.LEAD_ID.eq(UUID.fromString(lead))
        .and(TRACKING_EVENT.EVENT_TYPE.eq("EMAIL_CLICK")))).isEqualTo(1);

    String identity = location.substring(location.indexOf("snk_t=") + 6, location.indexOf('#'));
    beacon(view(site, visitor, origin + "/pricing?plan=pro", identity), "Origin", origin);
    assertThat(db.select(TRACKING_EVENT.PATH).from(TRACKING_EVENT)
        .where(TRACKING_EVENT.LEAD_ID.eq(UUID.fromString(lead)).and(TRACKING_EVENT.EVENT_TYPE.eq("PAGE_VIEW")))
        .fetch(TRACKING_EVENT.PATH)).containsExactlyInAnyOrder("/blog", "/pricing");
  }

  @Test
  void forgedOrAlteredClickLinksNeverRedirect() {
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Guarded"));
    String link = links.click(UUID.fromString(lead), "m", "https://good.example/");
    String token = link.substring(link.indexOf("/t/c/") + 5);
    String body = token.substring(0, token.lastIndexOf('.'));
    String altered = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(java.util.Base64.getUrlDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8)
            .replace("https://good.example/", "https://evil.example/").getBytes(java.nio.charset.StandardCharsets.UTF_8))
        + token.substring(token.lastIndexOf('.'));

    for (String forged : List.of(altered, "nonsense", body + ".AAAA", links.identity(UUID.fromString(lead)))) {
      Response r = api.get("/t/c/" + forged, null);
      assertThat(r.status()).as(forged).isEqualTo(404);
      assertThat(r.header("Location")).isNull();
    }
    assertThat(db.fetchCount(TRACKING_EVENT, TRACKING_EVENT.LEAD_ID.eq(UUID.fromString(lead)))).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> links.click(UUID.fromString(lead), "m", "javascript:alert(1)"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theOpenPixelRecordsOneOpenAndAnswersTheSameForForgedTokens() {
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Reader"));
    String pixel = links.openPixel(UUID.fromString(lead), "newsletter-12");
    String path = pixel.substring(pixel.indexOf("/t/o/"));

    Response first = api.get(path, null);
    api.get(path, null);
    Response forged = api.get("/t/o/forged.token.gif", null);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("Content-Type")).isEqualTo("image/gif");
    assertThat(first.header("Cache-Control")).contains("no-store");
    assertThat(forged.status()).isEqualTo(200);
    assertThat(forged.body()).isEqualTo(first.body());
    assertThat(db.fetchCount(TRACKING_EVENT, TRACKING_EVENT.LEAD_ID.eq(UUID.fromString(lead))
        .and(TRACKING_EVENT.EVENT_TYPE.eq("EMAIL_OPEN")))).isEqualTo(1);
  }

  @Test
  void concurrentOpensAreStoredTogetherAndEachIsDurableBeforeItsPixelIsAnswered() throws Exception {
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Opened"));
    var pool = Executors.newFixedThreadPool(16);
    List<Callable<Integer>> opens = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      String pixel = links.openPixel(UUID.fromString(lead), "burst-" + i);
      opens.add(() -> api.get(pixel.substring(pixel.indexOf("/t/o/")), null).status());
    }
    List<Integer> statuses = new ArrayList<>();
    for (var f : pool.invokeAll(opens)) {
      statuses.add(f.get());
    }
    pool.shutdown();

    assertThat(statuses).containsOnly(200);
    // No waiting: an answered pixel means its open is committed.
    assertThat(eventsOf(lead)).isEqualTo(64);
  }

  @Test
  void aSiteNeedsRealOrigins() {
    Response r = api.post("/api/v1/tracking/sites", marketing.token(), Map.of("name", "Bad", "allowedOrigins",
        List.of("https://ok.example", "not an origin", "https://x.example/path")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(api.post("/api/v1/tracking/sites", users.create(Role.SALES_REP).token(), Map.of("name", "X",
        "allowedOrigins", List.of("https://ok.example"))).status()).isEqualTo(403);
  }

  @Test
  void theFirstAndTheLatestCampaignTouchAreKeptOnTheLead() {
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Attributed"));
    Instant t = Instant.now().minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    post(List.of(event("PAGE_VIEW", "leadId", lead, "occurredAt", t.toString(),
        "url", "https://x.example/?utm_source=newsletter&utm_medium=email&utm_campaign=autumn")));
    post(List.of(event("PAGE_VIEW", "leadId", lead, "occurredAt", t.plus(Duration.ofDays(2)).toString(),
        "url", "https://x.example/pricing?utm_source=google&utm_campaign=brand"),
        event("PAGE_VIEW", "leadId", lead, "url", "https://x.example/no-campaign")));
    // arrives last but happened first: it becomes the first touch
    post(List.of(event("PAGE_VIEW", "leadId", lead, "occurredAt", t.minus(Duration.ofDays(1)).toString(),
        "utm", Map.of("source", "expo", "campaign", "booth"))));

    JsonNode json = api.lead(lead, marketing.token());
    assertThat(json.get("firstTouch").get("source").asString()).isEqualTo("expo");
    assertThat(json.get("firstTouch").get("campaign").asString()).isEqualTo("booth");
    assertThat(json.get("lastTouch").get("source").asString()).isEqualTo("google");
    assertThat(json.get("lastTouch").get("campaign").asString()).isEqualTo("brand");
    assertThat(json.get("lastTouch").get("medium").isNull()).isTrue();
    assertThat(json.get("version").asLong()).as("a touch is no edit").isZero();
    assertThat(api.patch("/api/v1/leads/" + lead, marketing.token(), Map.of("firstTouch", Map.of())).status())
        .isEqualTo(400);
  }

  @Test
  void publicTrackingRecordsNothingAboutALeadWhoRefusedMarketing() {
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Private", "marketingConsent",
        Map.of("status", "DENIED", "source", "phone call")));
    String pixel = links.openPixel(UUID.fromString(lead), "m-1");

    assertThat(api.get(pixel.substring(pixel.indexOf("/t/o/")), null).status()).isEqualTo(200);
    assertThat(eventsOf(lead)).isZero();
    assertThat(post(List.of(event("CALL_ANSWERED", "leadId", lead))).json().get("accepted").asInt())
        .as("what a rep's phone system reports is still recorded").isEqualTo(1);
  }
}
