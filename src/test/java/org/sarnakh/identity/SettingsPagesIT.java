package org.sarnakh.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.PageClient;
import org.sarnakh.testing.PageClient.Page;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The settings pages over real HTTP: who may open which, and what profile, API key, user and
 * team pages do, refuse and show. Lead lists and custom fields are in {@code CodeListPagesIT}.
 */
@IntegrationTest
class SettingsPagesIT {

  static final List<String> EVERYONES_PAGES = List.of("/settings/profile", "/settings/api-keys");
  static final List<String> ADMIN_PAGES = List.of("/settings/users", "/settings/users/new", "/settings/teams",
      "/settings/lists/lead-sources", "/settings/lists/industries", "/settings/lists/sub-industries",
      "/settings/lists/lost-reasons", "/settings/custom-fields", "/settings/lists/opportunity-stages",
      "/settings/conversion");

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  UserDirectory directory;

  @Autowired
  Credentials credentials;

  PageClient signedIn(User user) {
    return new PageClient(port).signIn(user.email(), user.password());
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void settingsPagesAnswerEachRoleByTheMatrix(Role role) {
    User user = users.create(role);
    PageClient page = signedIn(user);
    List<String> adminPages = new ArrayList<>(ADMIN_PAGES);
    adminPages.add("/settings/users/" + user.id());

    SoftAssertions soft = new SoftAssertions();
    for (String path : EVERYONES_PAGES) {
      Page p = page.get(path);
      soft.assertThat(p.status()).as(path).isEqualTo(200);
      soft.assertThat(p.contains("data-testid=\"settings-nav\"")).as(path + " has the settings navigation").isTrue();
      soft.assertThat(p.contains("data-testid=\"nav-users\"")).as(path + " links the admin pages")
          .isEqualTo(role == Role.ADMIN);
    }
    for (String path : adminPages) {
      soft.assertThat(page.get(path).status()).as(path).isEqualTo(role == Role.ADMIN ? 200 : 403);
    }
    soft.assertAll();
  }

  @Test
  void signedOutVisitorsAreSentToSignIn() {
    PageClient anonymous = new PageClient(port);
    SoftAssertions soft = new SoftAssertions();
    for (String path : concat(EVERYONES_PAGES, ADMIN_PAGES)) {
      Page p = anonymous.get(path);
      soft.assertThat(p.status()).as(path).isEqualTo(302);
      soft.assertThat(p.location()).as(path).endsWith("/login");
    }
    soft.assertAll();
  }

  @Test
  void settingsNavigationMarksTheCurrentPage() {
    PageClient page = signedIn(users.create(Role.ADMIN));

    String nav = page.get("/settings/teams").element("nav", "settings-nav");

    assertThat(nav).containsPattern("class=\"list-group-item list-group-item-action active\"[^>]*aria-current=\"page\""
        + "[^>]*data-testid=\"nav-teams\"");
    assertThat(Pattern.compile("aria-current=\"page\"").matcher(nav).results().count()).isEqualTo(1);
  }

  @Test
  void profileLanguageChangeRendersTheNextPageInThatLanguage() {
    User user = users.create(Role.MARKETING);
    PageClient page = signedIn(user);
    assertThat(htmlTag(page.get("/settings/profile"))).contains("lang=\"fa\"").contains("dir=\"rtl\"");

    Page saved = page.post("/settings/profile", "locale", "en", "calendar", "GREGORIAN", "timeZone", "Europe/Istanbul");

    assertThat(saved.status()).isEqualTo(302);
    assertThat(saved.location()).endsWith("/settings/profile");
    Page next = page.follow(saved);
    assertThat(htmlTag(next)).contains("lang=\"en\"").contains("dir=\"ltr\"");
    assertThat(PageClient.text(next.element("div", "flash"))).contains("Your preferences are saved.");
    assertThat(htmlTag(page.get("/leads"))).contains("lang=\"en\"");
    UserSummary stored = directory.find(user.id()).orElseThrow();
    assertThat(stored.calendar()).isEqualTo("GREGORIAN");
    assertThat(stored.timeZone()).isEqualTo("Europe/Istanbul");

    Page back = page.follow(page.post("/settings/profile", "locale", "fa", "calendar", "JALALI", "timeZone", "Asia/Tehran"));
    assertThat(htmlTag(back)).contains("lang=\"fa\"").contains("dir=\"rtl\"");
    assertThat(back.contains("<option value=\"Asia/Tehran\" selected=\"selected\"")).isTrue();
  }

  @Test
  void unknownTimeZoneIsRefusedInlineAndChangesNothing() {
    User user = users.create(Role.SALES_REP);
    PageClient page = signedIn(user);
    page.get("/settings/profile");

    Page refused = page.post("/settings/profile", "locale", "en", "calendar", "GREGORIAN", "timeZone", "Mars/Olympus");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(PageClient.text(refused.element("div", "error-timeZone"))).isEqualTo("منطقه زمانی ناشناخته است.");
    assertThat(htmlTag(refused)).contains("lang=\"fa\"");
    UserSummary stored = directory.find(user.id()).orElseThrow();
    assertThat(stored.locale()).isEqualTo("fa");
    assertThat(stored.calendar()).isEqualTo("JALALI");
  }

  @Test
  void apiKeySecretIsShownOnceWorksAsBearerAndStopsWhenRevoked() {
    User rep = users.create(Role.SALES_REP);
    PageClient page = signedIn(rep);
    Api api = new Api(port);
    assertThat(page.get("/settings/api-keys").contains("data-testid=\"empty\"")).isTrue();

    Page created = page.post("/settings/api-keys", "name", "CRM sync");

    assertThat(created.status()).isEqualTo(200);
    String secret = created.element("code", "api-key-secret").replaceAll("<[^>]+>", "").strip();
    assertThat(secret).startsWith("snk_");
    assertThat(created.contains("data-copy=\"#api-key-secret\"")).isTrue();
    var me = api.get("/api/v1/me", secret);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("id").asString()).isEqualTo(rep.id().toString());

    Page later = page.get("/settings/api-keys");
    assertThat(later.contains(secret)).as("the secret is not shown again").isFalse();
    assertThat(later.contains(secret.substring(4, 12))).as("its prefix is").isTrue();
    assertThat(later.contains("CRM sync")).isTrue();

    Page revoked = page.post(revokeAction(later.html()));
    assertThat(revoked.status()).isEqualTo(302);
    assertThat(page.follow(revoked).contains("data-testid=\"revoked\"")).isTrue();
    assertThat(api.get("/api/v1/me", secret).status()).isEqualTo(401);
  }

  @Test
  void readOnlyKeyFromThePageReadsButCannotWrite() {
    User manager = users.create(Role.SALES_MANAGER);
    PageClient page = signedIn(manager);
    page.get("/settings/api-keys");

    Page created = page.post("/settings/api-keys", "name", "Dashboard", "readOnly", "true");

    String secret = created.element("code", "api-key-secret").replaceAll("<[^>]+>", "").strip();
    Api api = new Api(port);
    assertThat(api.get("/api/v1/me", secret).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/leads", secret, Map.of("lastName", "Karimi")).status()).isEqualTo(403);
  }

  @Test
  void apiKeyWithoutANameIsRefusedInlineAndNothingIsCreated() {
    User rep = users.create(Role.SALES_REP);
    PageClient page = signedIn(rep);
    page.get("/settings/api-keys");

    Page refused = page.post("/settings/api-keys", "name", "  ");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contains("data-testid=\"error-name\"")).isTrue();
    assertThat(refused.contains("data-testid=\"api-key-secret\"")).isFalse();
    assertThat(credentials.apiKeys(rep.id())).isEmpty();
  }

  @Test
  void usersSeeTheirOwnKeysAndAdministratorsEveryonesWithTheOwner() {
    User rep = users.create(Role.SALES_REP);
    User other = users.create(Role.SALES_REP);
    User admin = users.create(Role.ADMIN);
    String name = "Key of rep " + UUID.randomUUID();
    PageClient repPage = signedIn(rep);
    repPage.get("/settings/api-keys");
    repPage.post("/settings/api-keys", "name", name);

    String adminView = signedIn(admin).get("/settings/api-keys").html();
    PageClient otherPage = signedIn(other);
    String otherView = otherPage.get("/settings/api-keys").html();

    assertThat(adminView).contains(name);
    String row = adminView.substring(adminView.indexOf(name));
    assertThat(row.substring(0, row.indexOf("</tr>"))).contains(directory.find(rep.id()).orElseThrow().displayName());
    assertThat(otherView).doesNotContain(name);
    String revoke = revokeAction(repPage.get("/settings/api-keys").html());
    assertThat(otherPage.post(revoke).status()).as("another user's key is not theirs to revoke").isEqualTo(404);
    assertThat(credentials.apiKeys(rep.id())).singleElement().satisfies(k -> assertThat(k.revokedAt()).isNull());
  }

  @Test
  void userCreatedWithAPasswordSignsInWithIt() {
    PageClient page = signedIn(users.create(Role.ADMIN));
    TeamSummary team = users.team();
    String email = "sara-" + UUID.randomUUID().toString().substring(0, 8) + "@test.sarnakh.org";
    page.get("/settings/users/new");

    Page created = page.post("/settings/users", "email", email, "displayName", "Sara Ahmadi", "role", "SALES_REP",
        "teamIds", team.id().toString(), "password", "a-long-password-1");

    assertThat(created.status()).isEqualTo(302);
    assertThat(created.location()).endsWith("/settings/users");
    Page list = page.follow(created);
    assertThat(PageClient.text(list.element("div", "flash"))).contains("Sara Ahmadi");
    assertThat(list.contains(email)).isTrue();
    assertThat(list.contains("data-testid=\"invitation\"")).isFalse();
    UserSummary stored = directory.list().stream().filter(u -> u.email().equals(email)).findFirst().orElseThrow();
    assertThat(stored.role()).isEqualTo(Role.SALES_REP);
    assertThat(stored.teamIds()).containsExactly(team.id());
    new PageClient(port).signIn(email, "a-long-password-1");
  }

  @Test
  void userCreatedWithoutAPasswordGetsAnInvitationLinkShownOnceThatSetsThePassword() {
    PageClient page = signedIn(users.create(Role.ADMIN));
    String email = "reza-" + UUID.randomUUID().toString().substring(0, 8) + "@test.sarnakh.org";
    page.get("/settings/users/new");

    Page created = page.post("/settings/users", "email", email, "displayName", "Reza Karimi", "role", "MARKETING");

    assertThat(created.status()).isEqualTo(200);
    String link = created.element("code", "invitation-link").replaceAll("<[^>]+>", "").strip();
    assertThat(link).startsWith("http://localhost:8080/invite/inv_");
    assertThat(created.contains("data-copy=\"#invitation-link\"")).isTrue();
    String path = link.substring(link.indexOf("/invite/"));
    assertThat(page.get("/settings/users").contains(path)).as("the link is not shown again").isFalse();

    PageClient invitee = new PageClient(port);
    Page invitation = invitee.get(path);
    assertThat(invitation.status()).isEqualTo(200);
    assertThat(invitation.contains(email)).isTrue();
    Page accepted = invitee.post(path, "password", "chosen-by-reza-1");
    assertThat(accepted.status()).isEqualTo(302);
    assertThat(accepted.location()).contains("/login?invited");
    new PageClient(port).signIn(email, "chosen-by-reza-1");
    assertThat(new PageClient(port).get(path).contains("data-testid=\"invite-invalid\"")).as("spent").isTrue();
  }

  @Test
  void refusedUserFormKeepsWhatWasTypedAndSaysWhyBesideEachField() {
    PageClient page = signedIn(users.create(Role.ADMIN));
    int before = directory.list().size();
    page.get("/settings/users/new");

    Page refused = page.post("/settings/users", "email", "not-an-email", "displayName", "Nasrin", "role", "SALES_REP",
        "password", "short-pw");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(PageClient.text(refused.element("div", "error-email"))).isEqualTo("نشانی ایمیل معتبر نیست.");
    assertThat(PageClient.text(refused.element("div", "error-password"))).isEqualTo("دست‌کم ۱۰ نویسه.");
    assertThat(refused.contains("value=\"not-an-email\"")).isTrue();
    assertThat(refused.contains("value=\"Nasrin\"")).isTrue();
    assertThat(refused.contains("short-pw")).as("a password is never echoed").isFalse();
    assertThat(directory.list()).hasSize(before);
  }

  @Test
  void userWithAnEmailThatExistsIsRefusedInline() {
    User admin = users.create(Role.ADMIN);
    User existing = users.create(Role.SALES_REP);
    PageClient page = signedIn(admin);
    page.get("/settings/users/new");

    Page refused = page.post("/settings/users", "email", existing.email(), "displayName", "Twin", "role", "SALES_REP");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(PageClient.text(refused.element("div", "error-email"))).isEqualTo("کاربری با این ایمیل وجود دارد.");
  }

  @Test
  void administratorChangesAnotherUsersRoleTeamsAndActiveFlag() {
    User rep = users.create(Role.SALES_REP);
    TeamSummary team = users.team();
    PageClient page = signedIn(users.create(Role.ADMIN));
    assertThat(page.get("/settings/users/" + rep.id()).contains("data-testid=\"self-hint\"")).isFalse();

    Page saved = page.post("/settings/users/" + rep.id(), "role", "SALES_MANAGER", "teamIds", team.id().toString());

    assertThat(saved.status()).isEqualTo(302);
    assertThat(saved.location()).endsWith("/settings/users");
    UserSummary stored = directory.find(rep.id()).orElseThrow();
    assertThat(stored.role()).isEqualTo(Role.SALES_MANAGER);
    assertThat(stored.active()).as("the box was not ticked").isFalse();
    assertThat(stored.teamIds()).containsExactly(team.id());
    PageClient deactivated = new PageClient(port);
    deactivated.get("/login");
    assertThat(deactivated.post("/login", "username", rep.email(), "password", rep.password()).location())
        .contains("/login?error");
  }

  @Test
  void administratorCannotDemoteOrDeactivateThemselvesAndIsToldSoInline() {
    User admin = users.create(Role.ADMIN);
    TeamSummary team = users.team();
    PageClient page = signedIn(admin);
    assertThat(page.get("/settings/users/" + admin.id()).contains("data-testid=\"self-hint\"")).isTrue();

    Page demoted = page.post("/settings/users/" + admin.id(), "role", "SALES_REP", "active", "true");
    Page deactivated = page.post("/settings/users/" + admin.id(), "role", "ADMIN");

    for (Page refused : List.of(demoted, deactivated)) {
      assertThat(refused.status()).isEqualTo(422);
      assertThat(PageClient.text(refused.element("div", "self-lockout")))
          .startsWith("ذخیره نشد: مدیران سیستم نمی‌توانند");
    }
    UserSummary stored = directory.find(admin.id()).orElseThrow();
    assertThat(stored.role()).isEqualTo(Role.ADMIN);
    assertThat(stored.active()).isTrue();

    Page ownTeams = page.post("/settings/users/" + admin.id(), "role", "ADMIN", "active", "true", "teamIds",
        team.id().toString());
    assertThat(ownTeams.status()).as("changing one's own teams is fine").isEqualTo(302);
    assertThat(directory.find(admin.id()).orElseThrow().teamIds()).containsExactly(team.id());
  }

  @ParameterizedTest
  @EnumSource(value = Role.class, names = {"MARKETING", "SALES_MANAGER", "SALES_REP"})
  void onlyAdministratorsCreateOrChangeUsersAndTeams(Role role) {
    User caller = users.create(role);
    User target = users.create(Role.SALES_REP);
    PageClient page = signedIn(caller);
    page.get("/settings/profile");
    String email = "sneaky-" + UUID.randomUUID().toString().substring(0, 8) + "@test.sarnakh.org";
    String team = "Sneaky " + UUID.randomUUID();

    assertThat(page.post("/settings/users", "email", email, "displayName", "Sneaky", "role", "ADMIN",
        "password", "a-long-password-1").status()).isEqualTo(403);
    assertThat(page.post("/settings/users/" + target.id(), "role", "ADMIN", "active", "true").status()).isEqualTo(403);
    assertThat(page.post("/settings/users/" + caller.id(), "role", "ADMIN", "active", "true").status()).isEqualTo(403);
    assertThat(page.post("/settings/teams", "name", team).status()).isEqualTo(403);

    assertThat(directory.list()).noneMatch(u -> u.email().equals(email));
    assertThat(directory.find(target.id()).orElseThrow().role()).isEqualTo(Role.SALES_REP);
    assertThat(directory.find(caller.id()).orElseThrow().role()).isEqualTo(role);
    assertThat(directory.teams()).noneMatch(t -> t.name().equals(team));
  }

  @Test
  void teamsListShowsMemberCountsAndANewTeamAfterCreation() {
    TeamSummary busy = users.team();
    users.create(Role.SALES_REP, busy.id());
    users.create(Role.SALES_MANAGER, busy.id());
    PageClient page = signedIn(users.create(Role.ADMIN));
    assertThat(PageClient.text(page.get("/settings/teams").element("tr", "team-" + busy.id())))
        .isEqualTo(busy.name() + " ۲");
    String name = "Shiraz " + UUID.randomUUID().toString().substring(0, 8);

    Page created = page.post("/settings/teams", "name", name);

    assertThat(created.status()).isEqualTo(302);
    Page list = page.follow(created);
    assertThat(PageClient.text(list.element("div", "flash"))).contains(name);
    TeamSummary stored = directory.teams().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    assertThat(PageClient.text(list.element("tr", "team-" + stored.id()))).isEqualTo(name + " ۰");
  }

  @Test
  void teamWithANameThatExistsOrNoNameIsRefusedInline() {
    TeamSummary existing = users.team();
    PageClient page = signedIn(users.create(Role.ADMIN));
    page.get("/settings/teams");

    Page duplicate = page.post("/settings/teams", "name", existing.name());
    Page empty = page.post("/settings/teams", "name", " ");

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(PageClient.text(duplicate.element("div", "error-name"))).isEqualTo("تیمی با این نام وجود دارد.");
    assertThat(duplicate.contains("value=\"" + existing.name() + "\"")).isTrue();
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.contains("data-testid=\"error-name\"")).isTrue();
  }

  @Test
  void markupInATeamNameIsShownAsText() {
    PageClient page = signedIn(users.create(Role.ADMIN));
    page.get("/settings/teams");
    String name = "<b>Bold</b><script>alert(1)</script> " + UUID.randomUUID().toString().substring(0, 8);

    Page list = page.follow(page.post("/settings/teams", "name", name));

    assertThat(list.contains("&lt;b&gt;Bold&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;")).isTrue();
    assertThat(list.contains("<b>Bold</b>")).isFalse();
    assertThat(list.contains("<script>alert(1)")).isFalse();
    assertThat(page.get("/settings/users/new").contains("<b>Bold</b>")).as("the team picker too").isFalse();
  }

  @Test
  void formPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
    User admin = users.create(Role.ADMIN);
    PageClient page = signedIn(admin);
    page.get("/settings/teams");
    String team = "Forged " + UUID.randomUUID();

    assertThat(page.postWithoutCsrf("/settings/teams", "name", team).status()).isEqualTo(403);
    assertThat(page.postWithoutCsrf("/settings/profile", "locale", "en", "calendar", "GREGORIAN", "timeZone", "UTC")
        .status()).isEqualTo(403);
    assertThat(page.postWithoutCsrf("/settings/api-keys", "name", "Forged").status()).isEqualTo(403);

    assertThat(directory.teams()).noneMatch(t -> t.name().equals(team));
    assertThat(directory.find(admin.id()).orElseThrow().locale()).isEqualTo("fa");
    assertThat(credentials.apiKeys(admin.id())).isEmpty();
    assertThat(page.post("/settings/teams", "name", team).status()).as("the same post with its token").isEqualTo(302);
  }

  /** The start tag of the page's {@code <html>} element, which carries its language and direction. */
  static String htmlTag(Page page) {
    Matcher m = Pattern.compile("<html[^>]*>").matcher(page.html());
    assertThat(m.find()).as("an <html> tag").isTrue();
    return m.group();
  }

  /** The action of the first revoke form on an API keys page. */
  static String revokeAction(String html) {
    Matcher m = Pattern.compile("action=\"(/settings/api-keys/[0-9a-f-]{36}/revoke)\"").matcher(html);
    assertThat(m.find()).as("a revoke form").isTrue();
    return m.group(1);
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
