package org.sarnakh.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.Api.Response;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/forms} over real HTTP: create, read, patch with versions, delete, lists, roles, refused definitions. */
@IntegrationTest
class FormsApiIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  Api api;
  User marketing;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    marketing = users.create(Role.MARKETING);
  }

  static Map<String, Object> definition(String name) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", name);
    d.put("language", "fa");
    d.put("fields", List.of(Map.of("name", "firstName", "label", Map.of("fa", "نام کوچک")),
        Map.of("name", "email", "required", true)));
    d.put("consent", Map.of("required", true, "text", Map.of("fa", "با دریافت خبرنامه موافقم", "en", "I agree"),
        "policyUrl", "https://www.example.com/privacy"));
    d.put("defaults", Map.of("leadSource", "website", "tags", List.of("webform")));
    d.put("redirectUrl", "https://www.example.com/thanks");
    d.put("allowedOrigins", List.of("https://www.example.com"));
    return d;
  }

  Response create(String token, Object body) {
    return api.post("/api/v1/forms", token, body);
  }

  @Test
  void aMarketerCreatesAFormAndReadsItBackWithKeyVersionAndEmbedSnippets() {
    Response r = create(marketing.token(), definition("Newsletter"));

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode f = r.json();
    assertThat(r.header("Location")).isEqualTo("/api/v1/forms/" + f.get("id").asString());
    assertThat(r.header("ETag")).isEqualTo("\"1\"");
    assertThat(f.get("key").asString()).startsWith("frm_").hasSizeGreaterThan(20);
    assertThat(f.get("fields").get(0).get("label").get("fa").asString()).isEqualTo("نام کوچک");
    assertThat(f.get("fields").get(1).get("required").asBoolean()).isTrue();
    assertThat(f.get("consent").get("textVersion").asInt()).isEqualTo(1);
    assertThat(f.get("redirectHosts").get(0).asString()).isEqualTo("www.example.com");
    assertThat(f.get("embedHtml").asString()).contains("action=\"" + f.get("publicUrl").asString() + "\"")
        .contains("name=\"email\"").contains("name=\"consent\"").doesNotContain("checked");
    assertThat(f.get("embedScript").asString()).contains("/f/" + f.get("key").asString() + "/embed.js");

    Response read = api.get("/api/v1/forms/" + f.get("id").asString(), marketing.token());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.header("ETag")).isEqualTo("\"1\"");
    assertThat(read.json().get("name").asString()).isEqualTo("Newsletter");
    assertThat(read.json().get("submissions").asInt()).isZero();
  }

  @Test
  void aRepeatedIdempotencyKeyAnswersTheFirstFormInsteadOfASecond() {
    String key = "forms-" + UUID.randomUUID();
    Response first = api.postWith("/api/v1/forms", marketing.token(), definition("Once"), "Idempotency-Key", key);
    Response again = api.postWith("/api/v1/forms", marketing.token(), definition("Once"), "Idempotency-Key", key);

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
  }

  @Test
  void twoFormsNeverShareAKey() {
    String a = create(marketing.token(), definition("A")).json().get("key").asString();
    String b = create(marketing.token(), definition("B")).json().get("key").asString();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void aPatchWithAStaleIfMatchIs412AndChangesNothing() {
    String id = create(marketing.token(), definition("Versions")).json().get("id").asString();

    Response first = api.patch("/api/v1/forms/" + id, marketing.token(), Map.of("name", "Renamed"), "If-Match", "\"1\"");
    Response stale = api.patch("/api/v1/forms/" + id, marketing.token(), Map.of("name", "Lost"), "If-Match", "\"1\"");

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.header("ETag")).isEqualTo("\"2\"");
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
    assertThat(api.get("/api/v1/forms/" + id, marketing.token()).json().get("name").asString()).isEqualTo("Renamed");
  }

  @Test
  void changingTheConsentTextRaisesItsVersionAndOtherChangesKeepIt() {
    String id = create(marketing.token(), definition("Consent versions")).json().get("id").asString();

    Response renamed = api.patch("/api/v1/forms/" + id, marketing.token(), Map.of("name", "Still v1"));
    Response reworded = api.patch("/api/v1/forms/" + id, marketing.token(),
        Map.of("consent", Map.of("text", Map.of("fa", "متن تازه"))));

    assertThat(renamed.json().get("consent").get("textVersion").asInt()).isEqualTo(1);
    assertThat(reworded.status()).as(reworded.body()).isEqualTo(200);
    assertThat(reworded.json().get("consent").get("textVersion").asInt()).isEqualTo(2);
    assertThat(reworded.json().get("consent").get("text").get("fa").asString()).isEqualTo("متن تازه");
    assertThat(reworded.json().get("consent").get("required").asBoolean()).isTrue();
  }

  @Test
  void refusedDefinitionsNameEveryBadField() {
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("name", "");
    bad.put("language", "de");
    bad.put("fields", List.of(Map.of("name", "status"), Map.of("name", "firstName")));
    bad.put("consent", Map.of("required", true));
    bad.put("defaults", Map.of("leadSource", "no_such_source", "ownerId", UUID.randomUUID().toString()));
    bad.put("redirectUrl", "javascript:alert(1)");
    bad.put("allowedOrigins", List.of("https://ok.example/path"));
    bad.put("key", "frm_mine");

    Response r = create(marketing.token(), bad);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    List<String> fields = new ArrayList<>();
    r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields).contains("name", "language", "fields[0].name", "consent.text", "defaults.leadSource",
        "defaults.ownerId", "redirectUrl", "allowedOrigins", "key");
  }

  @Test
  void aFormWithoutEmailOrPhoneIsRefused() {
    Map<String, Object> d = definition("Names only");
    d.put("fields", List.of(Map.of("name", "firstName"), Map.of("name", "lastName")));
    Response r = create(marketing.token(), d);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("fields");
  }

  @Test
  void aRedirectOffTheAllowedHostsIsRefused() {
    Map<String, Object> d = definition("Elsewhere");
    d.put("redirectHosts", List.of("www.example.com"));
    d.put("redirectUrl", "https://evil.example/thanks");
    Response r = create(marketing.token(), d);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("redirectUrl");
  }

  @Test
  void controlAndDirectionOverrideCharactersAreRefusedInNamesAndLabels() {
    Map<String, Object> d = definition("Evil\u202Ename");
    d.put("fields", List.of(Map.of("name", "email", "label", "E\u0007mail")));
    Response r = create(marketing.token(), d);
    List<String> fields = new ArrayList<>();
    r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
    assertThat(r.status()).isEqualTo(400);
    assertThat(fields).contains("name", "fields[0].label");
  }

  @Test
  void deletedFormsAnswer404AndLeaveTheList() {
    String id = create(marketing.token(), definition("Doomed")).json().get("id").asString();

    assertThat(api.delete("/api/v1/forms/" + id, marketing.token()).status()).isEqualTo(204);

    assertThat(api.get("/api/v1/forms/" + id, marketing.token()).status()).isEqualTo(404);
    assertThat(api.patch("/api/v1/forms/" + id, marketing.token(), Map.of("name", "x")).status()).isEqualTo(404);
    assertThat(api.delete("/api/v1/forms/" + id, marketing.token()).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/forms?limit=500", marketing.token()).body()).doesNotContain(id);
  }

  @Test
  void theListWalksByKeysetCursorInBothOrdersAndRefusesForeignParameters() {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(create(marketing.token(), definition("Page " + i)).json().get("id").asString());
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Response r = api.get("/api/v1/forms?limit=2&sort=createdAt" + (cursor == null ? "" : "&cursor=" + cursor),
          marketing.token());
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      r.json().get("items").forEach(i -> seen.add(i.get("id").asString()));
      cursor = r.json().get("nextCursor").isNull() ? null : r.json().get("nextCursor").asString();
      pages++;
    } while (cursor != null && pages < 1000);
    assertThat(seen).containsSubsequence(made).doesNotHaveDuplicates();

    Response newest = api.get("/api/v1/forms?limit=1", marketing.token());
    String newestCursor = newest.json().get("nextCursor").asString();
    assertThat(newest.json().get("items").get(0).get("id").asString()).isEqualTo(made.get(4));
    assertThat(api.get("/api/v1/forms?limit=1&sort=createdAt&cursor=" + newestCursor, marketing.token()).status())
        .isEqualTo(400);
    assertThat(api.get("/api/v1/forms?sort=name", marketing.token()).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/forms?limit=501", marketing.token()).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/forms?colour=red", marketing.token()).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/forms?cursor=bm9wZQ", marketing.token()).status()).isEqualTo(400);
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void eachRoleGetsWhatTheMatrixSays(Role role) {
    User user = users.create(role);
    String id = create(marketing.token(), definition("Matrix")).json().get("id").asString();
    boolean manages = role == Role.ADMIN || role == Role.MARKETING;
    int allowed = manages ? 0 : 403;

    SoftAssertions soft = new SoftAssertions();
    Response made = create(user.token(), definition("Mine"));
    soft.assertThat(made.status()).as("POST").isEqualTo(manages ? 201 : 403);
    soft.assertThat(api.get("/api/v1/forms", user.token()).status()).as("GET list").isEqualTo(manages ? 200 : 403);
    soft.assertThat(api.get("/api/v1/forms/" + id, user.token()).status()).as("GET").isEqualTo(manages ? 200 : 403);
    soft.assertThat(api.patch("/api/v1/forms/" + id, user.token(), Map.of("name", "x")).status()).as("PATCH")
        .isEqualTo(manages ? 200 : 403);
    soft.assertThat(api.get("/api/v1/forms/" + UUID.randomUUID(), user.token()).status()).as("GET unknown")
        .isEqualTo(manages ? 404 : 403);
    soft.assertThat(api.delete("/api/v1/forms/" + id, user.token()).status()).as("DELETE")
        .isEqualTo(manages ? 204 : allowed);
    soft.assertThat(api.get("/api/v1/forms", null).status()).as("signed out").isEqualTo(401);
    soft.assertAll();
  }
}
