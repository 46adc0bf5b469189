package org.sarnakh.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

/**
 * The import wizard over real HTTP with a signed-in session and CSRF: upload, preview with the
 * suggested mapping, start, the progress fragment htmx polls, the summary and the report.
 */
@IntegrationTest
class ImportPagesIT {

  static final Pattern IMPORT_ID = Pattern.compile("/imports/([0-9a-f-]{36})");

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  User manager;
  UUID team;

  @BeforeEach
  void setUp() {
    team = users.team().id();
    manager = users.create(Role.SALES_MANAGER, team);
  }

  PageClient signedIn(User user) {
    return new PageClient(port).signIn(user.email(), user.password());
  }

  static String id(String location) {
    Matcher m = IMPORT_ID.matcher(location);
    assertThat(m.find()).as(location).isTrue();
    return m.group(1);
  }

  @Test
  void uploadPreviewMapStartFollowTheProgressAndDownloadTheRefusedRows() {
    PageClient browser = signedIn(manager);
    Page leads = browser.get("/leads");
    assertThat(leads.html()).contains("href=\"/imports/new\"");
    Page form = browser.get("/imports/new");
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.html()).contains("enctype=\"multipart/form-data\"").contains("name=\"file\"");
    String tag = ImportIT.tag();
    String email = TestData.email();
    String csv = "نام;نام خانوادگی;ایمیل;تلفن همراه;شرکت;رنگ\n"
        + "سارا;کریمی;" + email + ";" + TestData.mobile() + ";پخش البرز;آبی\n"
        + "بد;ردیف;نه-ایمیل;;;سبز\n";

    Page uploaded = browser.upload("/imports", "file", "سرنخ‌ها.csv", csv.getBytes(StandardCharsets.UTF_8));

    assertThat(uploaded.status()).as(uploaded.html()).isEqualTo(302);
    assertThat(uploaded.location()).endsWith("/mapping");
    String id = id(uploaded.location());
    Page mapping = browser.follow(uploaded);
    assertThat(mapping.status()).isEqualTo(200);
    String html = mapping.html();
    assertThat(PageClient.text(html)).contains("سارا", "پخش البرز", "سرنخ‌ها.csv", "نقطه‌ویرگول");
    assertThat(html).containsPattern("name=\"map\\.0\"[\\s\\S]*?<option value=\"firstName\" selected")
        .containsPattern("name=\"map\\.2\"[\\s\\S]*?<option value=\"email\" selected")
        .containsPattern("name=\"map\\.3\"[\\s\\S]*?<option value=\"mobile\" selected")
        .containsPattern("name=\"map\\.4\"[\\s\\S]*?<option value=\"accountName\" selected");
    String unknown = html.substring(html.indexOf("name=\"map.5\""));
    assertThat(unknown.substring(0, unknown.indexOf("</select>"))).as("an unknown header is not imported")
        .doesNotContain(" selected");

    Page twice = browser.post("/imports/" + id + "/start", "map.0", "firstName", "map.1", "lastName", "map.2", "email",
        "map.3", "mobile", "map.4", "email", "map.5", "", "mode", "CREATE_ONLY", "matchBy", "email");
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.html()).contains("data-testid=\"form-errors\"");

    Page started = browser.post("/imports/" + id + "/start", "map.0", "firstName", "map.1", "lastName", "map.2", "email",
        "map.3", "mobile", "map.4", "accountName", "map.5", "", "mode", "CREATE_ONLY", "matchBy", "email",
        "matchBy", "phone", "defaults.tags", tag + ", expo", "defaults.teamId", team.toString());
    assertThat(started.status()).as(started.html()).isEqualTo(302);
    assertThat(started.location()).endsWith("/imports/" + id);
    Page progress = browser.follow(started);
    assertThat(progress.status()).isEqualTo(200);
    assertThat(progress.html()).contains("data-testid=\"import-progress\"").contains("role=\"progressbar\"");

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> browser.htmx("/imports/" + id).html().contains("data-status=\"COMPLETED\""));
    Page done = browser.htmx("/imports/" + id);
    assertThat(done.html()).doesNotContain("hx-trigger").doesNotContain("<html");
    assertThat(done.html()).containsPattern("data-testid=\"count-created\">\\s*۱\\s*<")
        .containsPattern("data-testid=\"count-failed\">\\s*۱\\s*<");
    assertThat(done.html()).contains("href=\"/imports/" + id + "/errors.csv\"");
    Page report = browser.get("/imports/" + id + "/errors.csv");
    assertThat(report.status()).isEqualTo(200);
    assertThat(report.html()).contains("line,field,reason").contains("3,email,").contains("نه-ایمیل");

    var lead = new Api(port).get("/api/v1/leads?tag=" + tag, manager.token()).json().get("items").get(0);
    assertThat(lead.get("email").asString()).isEqualTo(email);
    assertThat(lead.get("teamId").asString()).isEqualTo(team.toString());
    Page list = browser.get("/imports");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.html()).contains("/imports/" + id).contains("سرنخ‌ها.csv");
    assertThat(browser.get("/imports/" + id + "/mapping").location()).endsWith("/imports/" + id);
  }

  @Test
  void filesThatCannotBeImportedGetTheReasonInTheReadersLanguage() {
    PageClient browser = signedIn(manager);
    browser.get("/imports/new");
    Page empty = browser.upload("/imports", "file", "empty.csv", new byte[0]);
    assertThat(empty.status()).isEqualTo(400);
    assertThat(PageClient.text(empty.html())).contains("خالی است");
    Page headerOnly = browser.upload("/imports", "file", "header.csv", "نام,ایمیل\n".getBytes(StandardCharsets.UTF_8));
    assertThat(headerOnly.status()).isEqualTo(400);
    assertThat(PageClient.text(headerOnly.html())).contains("فقط ردیف سرستون");
    Page noCsrf = new PageClient(port).signIn(manager.email(), manager.password()).postWithoutCsrf("/imports/new");
    assertThat(noCsrf.status()).isIn(403, 405);
  }

  @Test
  void aDiscardedUploadIsGoneAndRepsCannotImport() {
    PageClient browser = signedIn(manager);
    browser.get("/imports/new");
    Page uploaded = browser.upload("/imports", "file", "discard.csv",
        ("lastName,email\nX," + TestData.email() + "\n").getBytes(StandardCharsets.UTF_8));
    String id = id(uploaded.location());
    browser.follow(uploaded);
    Page discarded = browser.post("/imports/" + id + "/cancel");
    assertThat(discarded.status()).isEqualTo(302);
    assertThat(browser.get("/imports/" + id + "/mapping").status()).isEqualTo(404);

    User rep = users.create(Role.SALES_REP, team);
    PageClient repBrowser = signedIn(rep);
    assertThat(repBrowser.get("/leads").html()).doesNotContain("href=\"/imports/new\"");
    assertThat(repBrowser.get("/imports/new").status()).isEqualTo(403);
    assertThat(repBrowser.get("/imports").status()).isEqualTo(403);
    assertThat(repBrowser.get("/imports/" + id).status()).isEqualTo(403);
  }
}
