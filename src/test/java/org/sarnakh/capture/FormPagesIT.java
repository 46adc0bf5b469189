package org.sarnakh.capture;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.PageClient;
import org.sarnakh.testing.PageClient.Page;
import org.sarnakh.testing.TestData;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The web-form settings pages over real HTTP: who may open them, the editor, the snippets, refusals. */
@IntegrationTest
class FormPagesIT {

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

  PageClient signedIn(User user) {
    return new PageClient(port).signIn(user.email(), user.password());
  }

  String apiForm(String name) {
    var r = api.post("/api/v1/forms", marketing.token(), Map.of("name", name,
        "fields", List.of(Map.of("name", "email", "required", true)),
        "consent", Map.of("required", false, "text", "I agree")));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void formPagesAnswerEachRoleByTheMatrix(Role role) {
    User user = users.create(role);
    String id = apiForm("Matrix");
    PageClient page = signedIn(user);
    boolean manages = role == Role.ADMIN || role == Role.MARKETING;

    SoftAssertions soft = new SoftAssertions();
    for (String path : List.of("/settings/forms", "/settings/forms/new", "/settings/forms/" + id)) {
      soft.assertThat(page.get(path).status()).as(path).isEqualTo(manages ? 200 : 403);
    }
    soft.assertThat(page.get("/settings/forms/" + UUID.randomUUID()).status()).as("unknown")
        .isEqualTo(manages ? 404 : 403);
    soft.assertThat(page.get("/settings/profile").html().contains("data-testid=\"nav-forms\"")).as("nav entry")
        .isEqualTo(manages);
    soft.assertAll();
    assertThat(new PageClient(port).get("/settings/forms").status()).as("signed out").isEqualTo(302);
  }

  @Test
  void aMarketerBuildsAFormWithThePickerAndGetsItsSnippets() {
    PageClient page = signedIn(marketing);
    page.get("/settings/forms/new");

    Page saved = page.post("/settings/forms", "name", "Expo 2026", "language", "ar", "active", "on",
        "use.email", "on", "required.email", "on", "order.email", "2",
        "use.firstName", "on", "order.firstName", "1", "label.firstName.ar", "الاسم",
        "use.mobile", "on", "order.mobile", "3",
        "consent.enabled", "on", "consent.required", "on", "consent.text.ar", "أوافق على تلقي الرسائل",
        "consent.policyUrl", "https://www.example.com/privacy",
        "defaults.leadSource", "trade_show", "defaults.tags", "expo, 2026", "onDuplicate", "SKIP",
        "redirectUrl", "https://www.example.com/thanks", "allowedOrigins", "https://www.example.com\nhttps://shop.example.com");

    assertThat(saved.status()).as(saved.html()).isEqualTo(302);
    Page edit = page.follow(saved);
    assertThat(edit.status()).isEqualTo(200);
    assertThat(edit.contains("data-testid=\"flash\"")).isTrue();
    String script = edit.element("pre", "embed-script");
    String html = edit.element("pre", "embed-html");
    assertThat(script).contains("/embed.js").contains("&lt;script");
    assertThat(html).contains("&lt;form method=&quot;post&quot;").contains("dir=&quot;rtl&quot;")
        .contains("الاسم").contains("name=&quot;consent&quot;");
    assertThat(edit.html()).contains("data-copy=\"#embed-script\"").contains("data-copy=\"#embed-html\"")
        .contains("data-copy=\"#public-url\"");

    String id = saved.location().substring(saved.location().lastIndexOf('/') + 1);
    JsonNode form = api.get("/api/v1/forms/" + id, marketing.token()).json();
    assertThat(form.get("language").asString()).isEqualTo("ar");
    assertThat(form.get("fields").valueStream().map(f -> f.get("name").asString()))
        .containsExactly("firstName", "email", "mobile");
    assertThat(form.get("fields").get(0).get("label").get("ar").asString()).isEqualTo("الاسم");
    assertThat(form.get("fields").get(1).get("required").asBoolean()).isTrue();
    assertThat(form.get("consent").get("required").asBoolean()).isTrue();
    assertThat(form.get("defaults").get("tags").valueStream().map(JsonNode::asString)).containsExactly("expo", "2026");
    assertThat(form.get("onDuplicate").asString()).isEqualTo("SKIP");
    assertThat(form.get("allowedOrigins").size()).isEqualTo(2);
  }

  @Test
  void aRefusedFormIsShownWithItsReasonsAndTheTypedValues() {
    PageClient page = signedIn(marketing);
    page.get("/settings/forms/new");

    Page refused = page.post("/settings/forms", "name", "Names only", "language", "fa", "use.firstName", "on",
        "redirectUrl", "not a url");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.element("div", "form-errors")).contains("fields").contains("redirectUrl");
    assertThat(refused.html()).contains("value=\"Names only\"").contains("value=\"not a url\"");
  }

  @Test
  void anEditSavedByTwoPeopleWarnsTheSecondAndKeepsTheirChanges() {
    String id = apiForm("Shared");
    PageClient page = signedIn(marketing);
    Page edit = page.get("/settings/forms/" + id);
    assertThat(edit.status()).isEqualTo(200);
    api.patch("/api/v1/forms/" + id, marketing.token(), Map.of("name", "Changed elsewhere"));

    Page stale = page.post("/settings/forms/" + id, "version", "1", "name", "Mine", "language", "fa", "active", "on",
        "use.email", "on");

    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.contains("data-testid=\"stale\"")).isTrue();
    assertThat(stale.html()).contains("value=\"Mine\"");
    assertThat(api.get("/api/v1/forms/" + id, marketing.token()).json().get("name").asString())
        .isEqualTo("Changed elsewhere");
  }

  @Test
  void theListShowsEachFormsSubmissionsAndEscapesNames() {
    String id = apiForm("<b>Bold</b> form");
    String key = api.get("/api/v1/forms/" + id, marketing.token()).json().get("key").asString();
    var submitted = api.request("POST", "/f/" + key, null, "email=" + TestData.email(), "application/x-www-form-urlencoded");
    assertThat(submitted.status()).isEqualTo(200);

    Page list = signedIn(marketing).get("/settings/forms");

    assertThat(list.element("td", "submissions-" + id)).contains(">۱<");
    assertThat(list.html()).contains("&lt;b&gt;Bold&lt;/b&gt; form").doesNotContain("<b>Bold</b>");
  }

  @Test
  void deletingAFormClosesItsPage() {
    String id = apiForm("Closing");
    String key = api.get("/api/v1/forms/" + id, marketing.token()).json().get("key").asString();
    PageClient page = signedIn(marketing);
    page.get("/settings/forms/" + id);

    Page deleted = page.post("/settings/forms/" + id + "/delete");

    assertThat(deleted.status()).isEqualTo(302);
    assertThat(api.get("/f/" + key, null).status()).isEqualTo(404);
    assertThat(page.get("/settings/forms/" + id).status()).isEqualTo(404);
  }
}
