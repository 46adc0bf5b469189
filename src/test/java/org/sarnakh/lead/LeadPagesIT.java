package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sarnakh.platform.db.Tables.LEAD;
import static org.sarnakh.platform.db.Tables.LEAD_HISTORY;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.TeamSummary;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestData;
import org.sarnakh.testing.PageClient;
import org.sarnakh.testing.PageClient.Page;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The lead pages over real HTTP with a signed-in session: what each role sees and may do, inline
 * messages for bad input that change nothing, status moves, activities, bulk work, export, and
 * escaping of hostile text.
 */
@IntegrationTest
class LeadPagesIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  DSLContext db;

  Api api;
  TeamSummary team;
  User admin;
  User manager;
  User rep;
  User otherRep;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    team = users.team();
    admin = users.create(Role.ADMIN);
    manager = users.create(Role.SALES_MANAGER, team.id());
    rep = users.create(Role.SALES_REP, team.id());
    otherRep = users.create(Role.SALES_REP, users.team().id());
  }

  PageClient signedIn(User user) {
    return new PageClient(port).signIn(user.email(), user.password());
  }

  String lead(User owner, Map<String, Object> fields) {
    Map<String, Object> body = new java.util.LinkedHashMap<>(fields);
    body.put("ownerId", owner.id().toString());
    return api.createLead(admin.token(), body);
  }

  @Test
  void signingInLandsOnTheLeadListInTheUsersLanguage() {
    PageClient browser = new PageClient(port);
    assertThat(browser.get("/leads").status()).as("anonymous").isEqualTo(302);

    Page list = signedIn(rep).get("/leads");

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.html()).contains("lang=\"fa\"").contains("dir=\"rtl\"").contains("bootstrap.rtl.min.css");
    assertThat(PageClient.text(list.html())).contains("سرنخ‌ها");
  }

  @Test
  void wrongPasswordShowsTheMessageAndStaysSignedOut() {
    PageClient browser = new PageClient(port);
    browser.get("/login");

    Page p = browser.post("/login", "username", rep.email(), "password", "wrong-password");

    assertThat(p.status()).isEqualTo(302);
    assertThat(p.location()).endsWith("/login?error");
    assertThat(browser.follow(p).html()).contains("data-testid=\"login-error\"");
    assertThat(browser.get("/leads").status()).isEqualTo(302);
  }

  @Test
  void repeatedWrongPasswordsBlockTheAccountEvenForTheRightOne() {
    User target = users.create(Role.SALES_REP);
    PageClient browser = new PageClient(port);
    for (int i = 0; i < 5; i++) {
      browser.get("/login");
      assertThat(browser.post("/login", "username", target.email(), "password", "guess-" + i).location())
          .endsWith("/login?error");
    }

    browser.get("/login");
    Page blocked = browser.post("/login", "username", target.email(), "password", target.password());

    assertThat(blocked.location()).endsWith("/login?throttled");
    assertThat(browser.follow(blocked).html()).contains("data-testid=\"login-throttled\"");
    assertThat(browser.get("/leads").status()).isEqualTo(302);
  }

  @Test
  void aRepSeesOwnAndTeamPoolLeadsAndOthersAnswerNotFound() {
    String own = lead(rep, Map.of("lastName", "Own-" + UUID.randomUUID()));
    String others = lead(otherRep, Map.of("lastName", "Others-" + UUID.randomUUID()));
    String pool = api.createLead(admin.token(), Map.of("lastName", "Pool-" + UUID.randomUUID(), "teamId",
        team.id().toString()));
    PageClient browser = signedIn(rep);

    String list = browser.get("/leads?limit=500").html();

    assertThat(list).contains(own).contains(pool).doesNotContain(others);
    assertThat(browser.get("/leads/" + own).status()).isEqualTo(200);
    Page hidden = browser.get("/leads/" + others);
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.html()).contains("data-testid=\"error-page\"").doesNotContain("Exception").doesNotContain("at org.");
  }

  @Test
  void searchFindsAPersianNameTypedWithArabicLettersAndPhoneDigitsInAnySystem() {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String mobile = TestData.mobile();
    String id = lead(rep, Map.of("firstName", "مهدی", "lastName", "کریمی" + tag, "mobile", mobile));
    PageClient browser = signedIn(rep);

    assertThat(browser.get("/leads?q=" + enc("مهدي كريمي" + tag)).html()).contains(id);
    assertThat(browser.get("/leads?q=" + enc(TestData.persianDigits(mobile))).html()).contains(id);
    assertThat(browser.get("/leads?q=" + enc("nobody-" + tag)).html()).doesNotContain(id)
        .contains("data-testid=\"empty\"");
  }

  @Test
  void htmxRequestsGetOnlyTheResultsFragment() {
    String id = lead(rep, Map.of("lastName", "Fragment"));
    Page fragment = signedIn(rep).htmx("/leads?ownerId=me");

    assertThat(fragment.status()).isEqualTo(200);
    assertThat(fragment.html()).contains("id=\"results\"").contains(id).doesNotContain("<html");
  }

  @Test
  void aMalformedFilterIsShownInlineAndListsNothing() {
    lead(rep, Map.of("lastName", "Filtered"));

    Page p = signedIn(rep).get("/leads?scoreMin=many");

    assertThat(p.status()).isEqualTo(400);
    assertThat(p.html()).contains("data-testid=\"filter-errors\"").doesNotContain("data-lead-id=");
  }

  @Test
  void sortLinksAndTheNextPageWalkTheListByCursor() {
    String prefix = "Walk" + UUID.randomUUID().toString().substring(0, 6);
    for (int i = 0; i < 3; i++) {
      lead(rep, Map.of("lastName", prefix + i));
    }
    PageClient browser = signedIn(rep);

    Page first = browser.get("/leads?q=" + prefix + "&sort=lastName&limit=2");
    assertThat(ids(first.html())).hasSize(2);
    assertThat(first.html()).contains("data-sort=\"lastName\"");
    Matcher next = Pattern.compile("href=\"(/leads\\?[^\"]*cursor=[^\"]+)\"[^>]*data-testid=\"next-page\"")
        .matcher(first.html());
    assertThat(next.find()).as("next page link").isTrue();
    Page second = browser.get(next.group(1).replace("&amp;", "&") + "&limit=2");

    assertThat(ids(second.html())).hasSize(1).doesNotContainAnyElementsOf(ids(first.html()));
    assertThat(second.html()).doesNotContain("data-testid=\"next-page\"");
  }

  @Test
  void creatingWithABadEmailShowsTheMessageBesideTheFieldAndKeepsWhatWasTyped() {
    PageClient browser = signedIn(rep);
    browser.get("/leads/new");
    long before = db.fetchCount(LEAD);

    Page p = browser.post("/leads", "firstName", "Nilufar", "lastName", "Typed-Kept", "email", "not-an-email");

    assertThat(p.status()).isEqualTo(400);
    assertThat(p.html()).contains("data-testid=\"form-errors\"").contains("id=\"f-email-error\"")
        .contains("value=\"Typed-Kept\"").contains("value=\"not-an-email\"");
    assertThat(PageClient.text(p.html())).contains("نشانی ایمیل معتبر نیست.");
    assertThat(db.fetchCount(LEAD)).isEqualTo(before);
  }

  @Test
  void aCreatedLeadOpensWithItsFieldsAndItsCreationOnThePageChannel() {
    PageClient browser = signedIn(rep);
    browser.get("/leads/new");

    String mobile = TestData.mobile();
    String email = "Sara.Noori." + mobile + "@Example.com";
    Page created = browser.post("/leads", "firstName", "سارا", "lastName", "نوری", "email", email,
        "mobile", TestData.persianDigits(mobile).substring(0, 4) + " " + TestData.persianDigits(mobile).substring(4), "leadSource", "website", "address.country", "IR", "opportunityAmount.amount",
        "1500000", "opportunityAmount.currency", "IRR", "tags", "vip، expo", "marketingConsent", "GRANTED");

    assertThat(created.status()).as(created.html()).isEqualTo(302);
    String id = created.location().substring(created.location().lastIndexOf('/') + 1);
    var lead = api.lead(id, rep.token());
    assertThat(lead.get("email").asString()).isEqualTo(email.toLowerCase(java.util.Locale.ROOT));
    assertThat(lead.get("mobile").asString()).isEqualTo(TestData.e164(mobile));
    assertThat(lead.get("ownerId").asString()).isEqualTo(rep.id().toString());
    assertThat(lead.get("status").asString()).isEqualTo("ASSIGNED");
    assertThat(lead.get("tags").toString()).contains("vip").contains("expo");
    assertThat(lead.get("marketingConsent").get("status").asString()).isEqualTo("GRANTED");
    Page detail = browser.follow(created);
    assertThat(detail.html()).contains("data-testid=\"flash\"").contains("سارا نوری");
    assertThat(db.select(LEAD_HISTORY.VIA).from(LEAD_HISTORY)
        .where(LEAD_HISTORY.LEAD_ID.eq(UUID.fromString(id)).and(LEAD_HISTORY.FIELD.eq("created"))).fetchOne().value1())
        .isEqualTo("UI");
  }

  @Test
  void editingClearsEmptiedFieldsAndLogsEachChange() {
    String id = lead(rep, Map.of("lastName", "Before", "title", "CTO", "accountName", "Acme"));
    PageClient browser = signedIn(rep);
    String form = browser.get("/leads/" + id + "/edit").html();
    String version = value(form, "version");

    Page saved = browser.post("/leads/" + id, "version", version, "lastName", "After", "title", "", "accountName", "Acme");

    assertThat(saved.status()).isEqualTo(302);
    var lead = api.lead(id, rep.token());
    assertThat(lead.get("lastName").asString()).isEqualTo("After");
    assertThat(lead.get("title").isNull()).isTrue();
    String history = browser.get("/leads/" + id + "?tab=history").html();
    assertThat(history).contains("data-field=\"lastName\"").contains("data-field=\"title\"");
    assertThat(PageClient.text(history)).contains("Before").contains("After").contains("CTO");
  }

  @Test
  void savingAStaleVersionWarnsKeepsTheTypedValuesAndChangesNothing() {
    String id = lead(rep, Map.of("lastName", "Stale"));
    PageClient browser = signedIn(rep);
    String version = value(browser.get("/leads/" + id + "/edit").html(), "version");
    api.patch("/api/v1/leads/" + id, admin.token(), Map.of("title", "Changed elsewhere"));

    Page p = browser.post("/leads/" + id, "version", version, "lastName", "Mine", "title", "");

    assertThat(p.status()).isEqualTo(409);
    assertThat(p.html()).contains("data-testid=\"form-stale\"").contains("value=\"Mine\"");
    var lead = api.lead(id, rep.token());
    assertThat(lead.get("lastName").asString()).isEqualTo("Stale");
    assertThat(lead.get("title").asString()).isEqualTo("Changed elsewhere");
  }

  @Test
  void statusButtonsFollowTheStatusTableAndDeadNeedsAReason() {
    String id = lead(rep, Map.of("lastName", "Moves"));
    PageClient browser = signedIn(rep);
    String detail = browser.get("/leads/" + id).html();
    assertThat(detail).contains("data-testid=\"move-IN_PROCESS\"").contains("data-testid=\"move-DEAD\"")
        .doesNotContain("data-testid=\"move-CONVERTED\"");

    Page refused = browser.post("/leads/" + id + "/status", "status", "DEAD", "reason", "");
    assertThat(browser.follow(refused).html()).contains("alert-danger");
    assertThat(api.lead(id, rep.token()).get("status").asString()).isEqualTo("ASSIGNED");

    browser.post("/leads/" + id + "/status", "status", "DEAD", "reason", "no_budget");
    var dead = api.lead(id, rep.token());
    assertThat(dead.get("status").asString()).isEqualTo("DEAD");
    assertThat(dead.get("deadReason").asString()).isEqualTo("no_budget");
    String after = browser.get("/leads/" + id).html();
    assertThat(after).contains("data-testid=\"move-RECYCLED\"").doesNotContain("data-testid=\"move-IN_PROCESS\"");
    assertThat(PageClient.text(browser.get("/leads/" + id + "?tab=timeline").html())).contains("نبود بودجه");
  }

  @Test
  void activitiesArePlannedInTheUsersTimeZoneAndCompleted() {
    String id = lead(rep, Map.of("lastName", "Busy"));
    PageClient browser = signedIn(rep);
    browser.get("/leads/" + id + "?tab=activities");

    Page missingDue = browser.post("/leads/" + id + "/activities", "kind", "CALL", "subject", "Call back", "state",
        "PLANNED", "dueAt", "");
    assertThat(missingDue.status()).isEqualTo(400);
    assertThat(missingDue.html()).contains("id=\"a-due-error\"").contains("value=\"Call back\"");

    browser.post("/leads/" + id + "/activities", "kind", "CALL", "subject", "Call back", "state", "PLANNED", "dueAt",
        "2030-01-02T10:30");
    var planned = api.get("/api/v1/leads/" + id + "/activities", rep.token()).json().get("items").get(0);
    // Test users live in Asia/Tehran (UTC+03:30): 10:30 there is 07:00 UTC.
    assertThat(planned.get("dueAt").asString()).isEqualTo("2030-01-02T07:00:00.000Z");
    assertThat(planned.get("state").asString()).isEqualTo("PLANNED");

    browser.get("/leads/" + id + "?tab=activities");
    browser.post("/leads/" + id + "/activities/" + planned.get("id").asString() + "/state", "state", "DONE");
    assertThat(api.get("/api/v1/leads/" + id + "/activities", rep.token()).json().get("items").get(0).get("state")
        .asString()).isEqualTo("DONE");
  }

  @Test
  void repsCannotDeleteOrBulkUpdateAndTheirPagesOfferNeither() {
    String id = lead(rep, Map.of("lastName", "Kept"));
    PageClient browser = signedIn(rep);
    String detail = browser.get("/leads/" + id).html();
    assertThat(detail).doesNotContain("data-testid=\"delete-lead\"");
    assertThat(browser.get("/leads").html()).doesNotContain("data-testid=\"bulk-update\"");

    assertThat(browser.post("/leads/" + id + "/delete").status()).isEqualTo(403);
    assertThat(browser.post("/leads/mass-update", "ids", id, "set.rating", "HOT").status()).isEqualTo(403);
    assertThat(browser.get("/leads/export.csv").status()).isEqualTo(403);
    var lead = api.lead(id, rep.token());
    assertThat(lead.get("deletedAt").isNull()).isTrue();
    assertThat(lead.get("rating").isNull()).isTrue();
  }

  @Test
  void aFormPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
    String id = lead(rep, Map.of("lastName", "Guarded"));
    PageClient browser = signedIn(manager);
    browser.get("/leads/" + id);

    Page refused = browser.postWithoutCsrf("/leads/" + id + "/delete");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(PageClient.text(refused.html())).as("says the form expired, not that the role lacks a right")
        .contains("فرم منقضی شده است");
    assertThat(api.lead(id, admin.token()).get("deletedAt").isNull()).isTrue();
  }

  @Test
  void deletedLeadsGoToTheTrashAndComeBack() {
    String id = lead(rep, Map.of("lastName", "Trashed" + UUID.randomUUID()));
    PageClient browser = signedIn(manager);
    browser.get("/leads/" + id);

    Page deleted = browser.post("/leads/" + id + "/delete");

    assertThat(deleted.location()).endsWith("/leads");
    assertThat(browser.get("/leads/" + id).status()).isEqualTo(404);
    assertThat(browser.get("/leads?deleted=true&limit=500").html()).contains(id);
    browser.post("/leads/" + id + "/restore");
    assertThat(browser.get("/leads/" + id).status()).isEqualTo(200);
  }

  @Test
  void massUpdateOfTickedRowsReportsFailuresAndLogsEachChange() {
    String a = lead(rep, Map.of("lastName", "BulkA"));
    String b = lead(rep, Map.of("lastName", "BulkB"));
    PageClient browser = signedIn(manager);
    browser.get("/leads");

    Page p = browser.post("/leads/mass-update", "ids", a, "ids", b, "ids", UUID.randomUUID().toString(), "set.rating",
        "HOT", "addTags", "expo", "scope", "ids", "back", "/leads?ownerId=me");

    assertThat(p.location()).endsWith("/leads?ownerId=me");
    assertThat(PageClient.text(browser.follow(p).html())).contains("۲ سرنخ به‌روز شد و ۱ نشد");
    for (String id : List.of(a, b)) {
      assertThat(api.lead(id, admin.token()).get("rating").asString()).isEqualTo("HOT");
      assertThat(db.fetchCount(LEAD_HISTORY, LEAD_HISTORY.LEAD_ID.eq(UUID.fromString(id))
          .and(LEAD_HISTORY.VIA.eq("MASS_UPDATE")).and(LEAD_HISTORY.FIELD.eq("rating")))).isEqualTo(1);
    }
  }

  @Test
  void massUpdateOfEveryMatchRunsAsAJobWithAProgressPage() {
    String prefix = "Job" + UUID.randomUUID().toString().substring(0, 6);
    String a = lead(rep, Map.of("lastName", prefix + "a"));
    String b = lead(rep, Map.of("lastName", prefix + "b"));
    PageClient browser = signedIn(manager);
    browser.get("/leads?q=" + prefix);

    Page started = browser.post("/leads/mass-update", "scope", "filter", "filterQuery", "?q=" + prefix, "set.leadSource",
        "referral", "back", "/leads?q=" + prefix);

    assertThat(started.location()).contains("/jobs/");
    String jobPath = started.location().substring(started.location().indexOf("/jobs/"));
    await().atMost(Duration.ofSeconds(30)).until(() -> browser.htmx(jobPath).html().contains("data-status=\"COMPLETED\""));
    assertThat(browser.get(jobPath).html()).contains("data-testid=\"job-back\"");
    assertThat(api.lead(a, admin.token()).get("leadSource").asString()).isEqualTo("referral");
    assertThat(api.lead(b, admin.token()).get("leadSource").asString()).isEqualTo("referral");
    assertThat(signedIn(rep).get(jobPath).status()).as("someone else's job").isEqualTo(404);
  }

  @Test
  void exportFromThePageUsesTheListFilters() {
    String prefix = "Csv" + UUID.randomUUID().toString().substring(0, 6);
    lead(rep, Map.of("lastName", prefix + "-in", "rating", "HOT"));
    lead(rep, Map.of("lastName", prefix + "-out", "rating", "COLD"));
    PageClient browser = signedIn(manager);

    Page csv = browser.get("/leads/export.csv?q=" + prefix + "&rating=HOT");

    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.html()).startsWith("\uFEFF").contains(prefix + "-in").doesNotContain(prefix + "-out");
  }

  @Test
  void hostileTextIsShownAsTextEverywhere() {
    String hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    String id = lead(rep, Map.of("lastName", hostile, "accountName", hostile, "description", hostile));
    PageClient browser = signedIn(rep);

    for (String page : List.of("/leads?limit=500", "/leads/" + id, "/leads/" + id + "?tab=fields",
        "/leads/" + id + "/edit", "/leads/" + id + "?tab=history")) {
      String html = browser.get(page).html();
      assertThat(html).as(page).doesNotContain("<script>alert(1)").doesNotContain("<img src=x")
          .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
  }

  @Test
  void anUnknownLeadGetsTheLocalisedNotFoundPage() {
    Page p = signedIn(rep).get("/leads/" + UUID.randomUUID());

    assertThat(p.status()).isEqualTo(404);
    assertThat(PageClient.text(p.html())).contains("یافت نشد");
  }

  private static List<String> ids(String html) {
    Matcher m = Pattern.compile("data-lead-id=\"([0-9a-f-]{36})\"").matcher(html);
    List<String> ids = new java.util.ArrayList<>();
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static String value(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no input " + name);
    }
    return m.group(1);
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
