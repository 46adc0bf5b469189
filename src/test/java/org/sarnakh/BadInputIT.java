package org.sarnakh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sarnakh.platform.db.Tables.LEAD;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.LeadStatus;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.Api.Response;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestData;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Bad input of every kind gets its specific 4xx problem (PRODUCT.md §3, §7, §9) and changes
 * nothing: the lead under attack reads the same afterwards and no lead was created.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

  static final String[] BIDI = {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"};

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  DSLContext db;

  Api api;
  User manager;
  User admin;
  /** A lead each test tries to damage. */
  String leadId;
  JsonNode leadBefore;
  /** A word that only leads created by this test's bad requests would carry. */
  String marker;

  @BeforeAll
  void users() {
    api = new Api(port);
    UUID team = users.team().id();
    manager = users.create(Role.SALES_MANAGER, team);
    admin = users.create(Role.ADMIN);
  }

  @BeforeEach
  void lead() {
    leadId = api.createLead(manager.token(), Map.of("firstName", "Ana", "lastName", "Target", "email", TestData.email()));
    leadBefore = api.lead(leadId, manager.token());
    Random random = new Random();
    StringBuilder m = new StringBuilder("zq");
    for (int i = 0; i < 12; i++) {
      m.append((char) ('a' + random.nextInt(26)));
    }
    marker = m.toString();
  }

  @FunctionalInterface
  interface Send {
    Response send(BadInputIT test);
  }

  /** A bad request, the status it must get, and the field the problem must name (null: no field). */
  record Case(String name, Send send, int status, @Nullable String field) {
    @Override
    public String toString() {
      return name;
    }
  }

  Response create(Map<String, ?> fields) {
    Map<String, Object> body = new LinkedHashMap<>(fields);
    body.putIfAbsent("lastName", marker);
    return api.post("/api/v1/leads", manager.token(), body);
  }

  Response patch(Map<String, ?> fields) {
    return api.patch("/api/v1/leads/" + leadId, manager.token(), fields);
  }

  Response list(String query) {
    return api.get("/api/v1/leads?" + query, manager.token());
  }

  static Case create(String name, Map<String, ?> fields, String field) {
    return new Case("create with " + name, t -> t.create(fields), 400, field);
  }

  static Case patch(String name, Map<String, ?> fields, String field) {
    return new Case("patch with " + name, t -> t.patch(fields), 400, field);
  }

  static String cursor(String raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>(List.of(
        new Case("malformed JSON on create", t -> t.api.post("/api/v1/leads", t.manager.token(),
            "{\"lastName\": \"" + t.marker + "\""), 400, null),
        new Case("malformed JSON on patch", t -> t.api.patch("/api/v1/leads/" + t.leadId, t.manager.token(),
            "{\"lastName\": [}"), 400, null),
        create("companySize \"abc\"", Map.of("companySize", "abc"), "companySize"),
        create("companySize 2.5", Map.of("companySize", 2.5), "companySize"),
        create("tags not an array", Map.of("tags", "expo"), "tags"),
        create("an unknown field", Map.of("planet", "Mars"), "planet"),
        create("an unknown nested field", Map.of("address", Map.of("city", "Tehran", "planet", "Mars")), "address.planet"),
        patch("an unknown nested field", Map.of("socials", Map.of("myspace", "tom")), "socials.myspace"),
        create("a read-only field", Map.of("score", Map.of("total", 100)), "score"),
        create("a 101-character first name", Map.of("firstName", "a".repeat(101)), "firstName"),
        patch("a 101-character last name", Map.of("lastName", "ب".repeat(101)), "lastName"),
        create("a 255-character email", Map.of("email", "a".repeat(243) + "@example.com"), "email"),
        patch("a 32001-character description", Map.of("description", "x".repeat(32_001)), "description"),
        create("an invalid email", Map.of("email", "ana(at)example.com"), "email"),
        patch("an invalid email", Map.of("email", "ana@"), "email"),
        create("an invalid phone", Map.of("phone", "0912 CALL ME"), "phone"),
        create("an invalid country", Map.of("address", Map.of("country", "Atlantis")), "address.country"),
        create("an invalid currency", Map.of("opportunityAmount", Map.of("amount", "100", "currency", "XYZ")),
            "opportunityAmount.currency"),
        create("a negative amount", Map.of("annualRevenue", Map.of("amount", "-5", "currency", "IRR")),
            "annualRevenue.amount"),
        create("an unknown lead source", Map.of("leadSource", "carrier_pigeon"), "leadSource"),
        create("an unknown custom field", Map.of("customFields", Map.of("shoeSize", "42")), "customFields.shoeSize"),
        create("a control character in the first name", Map.of("firstName", "Ana\u0007"), "firstName"),
        patch("a line break in the last name", Map.of("lastName", "Tar\nget"), "lastName"),
        new Case("an unknown status", t -> t.api.post("/api/v1/leads/" + t.leadId + "/status", t.manager.token(),
            Map.of("status", "ZOMBIE")), 400, "status"),
        new Case("DEAD without a reason", t -> t.api.post("/api/v1/leads/" + t.leadId + "/status", t.manager.token(),
            Map.of("status", "DEAD")), 400, "reason"),
        new Case("DEAD with an unknown reason", t -> t.api.post("/api/v1/leads/" + t.leadId + "/status",
            t.manager.token(), Map.of("status", "DEAD", "reason", "bored")), 400, "reason"),
        new Case("limit=100000", t -> t.list("limit=100000"), 400, "limit"),
        new Case("limit=0", t -> t.list("limit=0"), 400, "limit"),
        new Case("an unknown sort", t -> t.list("sort=-shoeSize"), 400, "sort"),
        new Case("an unknown filter", t -> t.list("planet=mars"), 400, "planet"),
        new Case("a malformed filter value", t -> t.list("scoreMin=lots"), 400, "scoreMin"),
        new Case("a garbled cursor", t -> t.list("cursor=***not-a-cursor***"), 400, "cursor"),
        new Case("a forged cursor", t -> t.list("cursor=" + cursor("-createdAt\n0000000000000000\n"
            + UUID.randomUUID() + "\n2026-01-01T00:00:00Z")), 400, "cursor"),
        new Case("a cursor with a malformed position", t -> t.list("cursor=" + cursor("-createdAt\nx\nnot-a-uuid\nx")),
            400, "cursor"),
        new Case("a cursor of another filter", BadInputIT::cursorOfAnotherFilter, 400, "cursor"),
        new Case("a cursor of another sort", BadInputIT::cursorOfAnotherSort, 400, "cursor"),
        new Case("a stale If-Match", t -> t.api.patch("/api/v1/leads/" + t.leadId, t.manager.token(),
            Map.of("title", "CEO"), "If-Match", "\"" + (t.leadBefore.get("version").asLong() + 7) + "\""), 412, null),
        new Case("a malformed If-Match", t -> t.api.patch("/api/v1/leads/" + t.leadId, t.manager.token(),
            Map.of("title", "CEO"), "If-Match", "W/\"abc\""), 400, "If-Match"),
        new Case("text/plain", t -> t.api.request("POST", "/api/v1/leads", t.manager.token(),
            "lastName=" + t.marker, "text/plain"), 415, null),
        new Case("PUT on a lead", t -> t.api.request("PUT", "/api/v1/leads/" + t.leadId, t.manager.token(),
            "{\"title\": \"CEO\"}", "application/json"), 405, null),
        new Case("an unknown path under /api", t -> t.api.get("/api/v1/planets/mars", t.manager.token()), 404, null),
        new Case("a JSON body over 1 MB", t -> t.create(Map.of("description", "x".repeat(1_100_000))), 413, null)));
    for (String bidi : BIDI) {
      cases.add(create(String.format("U+%04X in the first name", (int) bidi.charAt(0)),
          Map.of("firstName", "Ana" + bidi + "lyst"), "firstName"));
    }
    cases.add(patch("U+202E in the last name", Map.of("lastName", "\u202Etegrat"), "lastName"));
    return cases.stream();
  }

  Response cursorOfAnotherFilter() {
    String tag = "bad-cursor-" + UUID.randomUUID();
    api.createLead(manager.token(), Map.of("lastName", "One", "tags", List.of(tag)));
    api.createLead(manager.token(), Map.of("lastName", "Two", "tags", List.of(tag)));
    String cursor = list("limit=1&tag=" + tag).json().get("nextCursor").asString();
    assertThat(list("limit=1&tag=" + tag + "&cursor=" + cursor).status()).isEqualTo(200);
    return list("limit=1&tag=" + tag + "&status=NEW&cursor=" + cursor);
  }

  Response cursorOfAnotherSort() {
    String tag = "bad-cursor-" + UUID.randomUUID();
    api.createLead(manager.token(), Map.of("lastName", "One", "tags", List.of(tag)));
    api.createLead(manager.token(), Map.of("lastName", "Two", "tags", List.of(tag)));
    String cursor = list("limit=1&tag=" + tag).json().get("nextCursor").asString();
    return list("limit=1&tag=" + tag + "&sort=createdAt&cursor=" + cursor);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputGetsItsProblemAndChangesNothing(Case c) {
    Response r = c.send().send(this);

    assertProblem(r, c.status(), c.field());
    assertThat(api.lead(leadId, manager.token())).isEqualTo(leadBefore);
    assertThat(leadsNamed(marker)).isEmpty();
  }

  static void assertProblem(Response r, int status, @Nullable String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    JsonNode p = r.json();
    assertThat(p.get("type").asString()).startsWith("https://sarnakh.org/problems/");
    assertThat(p.get("title").asString()).isNotBlank();
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("detail").asString()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
    if (field != null) {
      assertThat(p.get("errors").valueStream().map(e -> e.get("field").asString())).contains(field);
      assertThat(p.get("errors").valueStream().map(e -> e.get("message").asString())).allSatisfy(m ->
          assertThat(m).isNotBlank());
    }
  }

  List<String> leadsNamed(String name) {
    return api.get("/api/v1/leads?q=" + name, admin.token()).json().get("items").valueStream()
        .map(n -> n.get("id").asString()).toList();
  }

  @Test
  void markupInANameIsStoredAsTypedAndReturnedAsJsonText() {
    String name = "<script>alert('x')</script>";
    var created = api.post("/api/v1/leads", manager.token(), Map.of("firstName", name, "lastName", marker));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Content-Type")).startsWith("application/json");

    var read = api.get("/api/v1/leads/" + created.json().get("id").asString(), manager.token());
    assertThat(read.json().get("firstName").asString()).isEqualTo(name);
    assertThat(read.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void sqlInAFilterIsJustTextToSearchFor() {
    String tag = "sql-" + UUID.randomUUID();
    String id = api.createLead(manager.token(), Map.of("lastName", "Safe", "tags", List.of(tag)));
    String q = URLEncoder.encode("' or 1=1 --", StandardCharsets.UTF_8);

    var injected = list("tag=" + tag + "&q=" + q);
    assertThat(injected.status()).isEqualTo(200);
    assertThat(injected.json().get("items").isEmpty()).isTrue();
    var alone = list("tag=" + tag);
    assertThat(alone.json().get("items").get(0).get("id").asString()).isEqualTo(id);
    assertThat(list("q=" + URLEncoder.encode("%_!", StandardCharsets.UTF_8)).status()).isEqualTo(200);
  }

  @Test
  void deletingTwiceAnswers404TheSecondTime() {
    assertThat(api.delete("/api/v1/leads/" + leadId, manager.token()).status()).isEqualTo(204);
    var again = api.delete("/api/v1/leads/" + leadId, manager.token());
    assertProblem(again, 404, null);
    assertThat(api.get("/api/v1/leads/" + leadId, manager.token()).status()).isEqualTo(404);
  }

  @Test
  void restoringALeadThatIsNotDeletedIsAConflict() {
    var r = api.post("/api/v1/leads/" + leadId + "/restore", manager.token(), null);
    assertProblem(r, 409, null);
    assertThat(api.lead(leadId, manager.token())).isEqualTo(leadBefore);
  }

  @Test
  void staleIfMatchChangesNothingButTheCurrentOneDoes() {
    String etag = api.get("/api/v1/leads/" + leadId, manager.token()).header("ETag");
    assertThat(etag).isEqualTo("\"" + leadBefore.get("version").asLong() + "\"");
    assertThat(api.patch("/api/v1/leads/" + leadId, manager.token(), Map.of("title", "CEO"), "If-Match", etag).status())
        .isEqualTo(200);
    var stale = api.patch("/api/v1/leads/" + leadId, manager.token(), Map.of("title", "CFO"), "If-Match", etag);
    assertProblem(stale, 412, null);
    assertThat(api.lead(leadId, manager.token()).get("title").asString()).isEqualTo("CEO");
  }

  // ---- the status table of PRODUCT.md §4, through POST /leads/{id}/status ----

  static final Map<LeadStatus, Set<LeadStatus>> ALLOWED = Map.of(
      LeadStatus.NEW, EnumSet.of(LeadStatus.IN_PROCESS, LeadStatus.DEAD),
      LeadStatus.ASSIGNED, EnumSet.of(LeadStatus.IN_PROCESS, LeadStatus.DEAD, LeadStatus.RECYCLED),
      LeadStatus.IN_PROCESS, EnumSet.of(LeadStatus.DEAD, LeadStatus.RECYCLED),
      LeadStatus.RECYCLED, EnumSet.of(LeadStatus.ASSIGNED, LeadStatus.IN_PROCESS, LeadStatus.DEAD),
      LeadStatus.DEAD, EnumSet.of(LeadStatus.RECYCLED),
      LeadStatus.CONVERTED, EnumSet.noneOf(LeadStatus.class));

  static Stream<Arguments> everyStatusPair() {
    List<Arguments> pairs = new ArrayList<>();
    for (LeadStatus from : LeadStatus.values()) {
      for (LeadStatus to : LeadStatus.values()) {
        pairs.add(Arguments.of(from, to, ALLOWED.get(from).contains(to) ? 200 : 409));
      }
    }
    return pairs.stream();
  }

  /** A lead with an owner, brought to {@code status} the way a user would (CONVERTED directly, as converting is not built yet). */
  String leadIn(LeadStatus status) {
    if (status == LeadStatus.NEW) {
      return api.createLead(manager.token(), Map.of("lastName", "Fresh"));
    }
    String id = api.createLead(manager.token(), Map.of("lastName", "Owned", "ownerId", manager.id().toString()));
    switch (status) {
      case IN_PROCESS, RECYCLED, DEAD -> assertThat(api.post("/api/v1/leads/" + id + "/status", manager.token(),
          Map.of("status", status.name(), "reason", "no_budget")).status()).isEqualTo(200);
      case CONVERTED -> db.update(LEAD).set(LEAD.STATUS, "CONVERTED").where(LEAD.ID.eq(UUID.fromString(id))).execute();
      default -> { }
    }
    return id;
  }

  @ParameterizedTest(name = "{0} → {1}: {2}")
  @MethodSource("everyStatusPair")
  void statusEndpointFollowsTheStatusTable(LeadStatus from, LeadStatus to, int expected) {
    String id = leadIn(from);
    JsonNode before = api.lead(id, manager.token());
    assertThat(before.get("status").asString()).isEqualTo(from.name());

    var r = api.post("/api/v1/leads/" + id + "/status", manager.token(), Map.of("status", to.name(), "reason", "no_budget"));

    assertThat(r.status()).as(r.body()).isEqualTo(expected);
    if (expected == 200) {
      assertThat(r.json().get("status").asString()).isEqualTo(to.name());
      assertThat(api.lead(id, manager.token()).get("status").asString()).isEqualTo(to.name());
    } else {
      assertProblem(r, 409, null);
      assertThat(api.lead(id, manager.token())).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"NEW", "ASSIGNED", "IN_PROCESS", "RECYCLED"})
  void deadWithoutAReasonNamesTheReasonField(String from) {
    String id = leadIn(LeadStatus.valueOf(from));
    JsonNode before = api.lead(id, manager.token());
    assertProblem(api.post("/api/v1/leads/" + id + "/status", manager.token(), Map.of("status", "DEAD")), 400, "reason");
    assertThat(api.lead(id, manager.token())).isEqualTo(before);
  }

  @Test
  void newLeadBecomesAssignedBySettingAnOwner() {
    String id = leadIn(LeadStatus.NEW);
    assertThat(api.post("/api/v1/leads/" + id + "/status", manager.token(), Map.of("status", "ASSIGNED")).status())
        .isEqualTo(409);

    var patched = api.patch("/api/v1/leads/" + id, manager.token(), Map.of("ownerId", manager.id().toString()));

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().get("status").asString()).isEqualTo("ASSIGNED");
  }
}
