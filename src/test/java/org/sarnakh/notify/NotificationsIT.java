package org.sarnakh.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sarnakh.platform.db.Tables.MAIL_OUTBOX;
import static org.sarnakh.platform.db.Tables.NOTIFICATION;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.platform.mail.MailOutbox;
import org.sarnakh.platform.mail.MailPurpose;
import org.sarnakh.platform.mail.MailState;
import org.sarnakh.platform.mail.MailView;
import org.sarnakh.platform.mail.OutgoingMail;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.Api.Response;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.PageClient;
import org.sarnakh.testing.PageClient.Page;
import org.sarnakh.testing.ScoringFixture;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Notifications without an SMTP server: each user reads and marks only their own, the bell counts
 * them, preferences choose the channels, mail is held and shown to administrators only, and an MQL
 * crossing alerts the owner once per crossing — not again inside the hysteresis band.
 */
@IntegrationTest
class NotificationsIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  Notifications notifications;

  @Autowired
  MailOutbox outbox;

  @Autowired
  DSLContext db;

  Api api;
  User marketing;
  ScoringFixture scoring;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    marketing = users.create(Role.MARKETING);
    scoring = new ScoringFixture(api, marketing);
  }

  @AfterEach
  void resetScoring() {
    scoring.reset();
  }

  PageClient signedIn(User user) {
    return new PageClient(port).signIn(user.email(), user.password());
  }

  Notifications.Delivery tell(User user, String name) {
    return notifications.notify(new Notice(user.id(), NotificationKind.LEAD_QUALIFIED, List.of(name, "120", "100"),
        "/leads/" + UUID.randomUUID(), "test:" + UUID.randomUUID()));
  }

  JsonNode items(User user, String query) {
    Response r = api.get("/api/v1/me/notifications" + query, user.token());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("items");
  }

  int unread(User user) {
    return api.get("/api/v1/me/notifications/unread-count", user.token()).json().get("unread").asInt();
  }

  @Test
  void eachUserReadsAndMarksOnlyTheirOwnNotifications() {
    User rep = users.create(Role.SALES_REP);
    User admin = users.create(Role.ADMIN);
    api.patch("/api/v1/me", rep.token(), Map.of("locale", "en"));
    tell(rep, "Older Lead");
    tell(rep, "Newer Lead");
    tell(admin, "Admin Lead");

    JsonNode mine = items(rep, "");
    assertThat(mine.valueStream().map(n -> n.get("title").asString()))
        .containsExactly("Newer Lead is now an MQL", "Older Lead is now an MQL");
    assertThat(mine.get(0).get("body").asString()).contains("reached 120").contains("threshold is 100");
    long adminsId = items(admin, "").get(0).get("id").asLong();
    assertThat(items(admin, "")).hasSize(1);
    assertThat(unread(rep)).isEqualTo(2);

    assertThat(api.post("/api/v1/me/notifications/" + adminsId + "/read", rep.token(), null).status()).isEqualTo(404);
    assertThat(api.post("/api/v1/me/notifications/" + mine.get(0).get("id").asLong() + "/read", admin.token(), null)
        .status()).as("administrators do not read others' either").isEqualTo(404);
    assertThat(unread(admin)).isEqualTo(1);
    assertThat(api.get("/api/v1/me/notifications", null).status()).isEqualTo(401);

    Response read = api.post("/api/v1/me/notifications/" + mine.get(1).get("id").asLong() + "/read", rep.token(), null);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("readAt").isNull()).isFalse();
    assertThat(unread(rep)).isEqualTo(1);
    assertThat(items(rep, "?unread=true").valueStream().map(n -> n.get("title").asString()))
        .containsExactly("Newer Lead is now an MQL");

    JsonNode first = api.get("/api/v1/me/notifications?limit=1", rep.token()).json();
    assertThat(first.get("items")).hasSize(1);
    JsonNode second = api.get("/api/v1/me/notifications?limit=1&cursor=" + first.get("nextCursor").asString(),
        rep.token()).json();
    assertThat(second.get("items").get(0).get("title").asString()).isEqualTo("Older Lead is now an MQL");
    assertThat(second.get("nextCursor").isNull()).isTrue();
    assertThat(api.get("/api/v1/me/notifications?cursor=bogus", rep.token()).status()).isEqualTo(400);

    assertThat(api.post("/api/v1/me/notifications/read-all", rep.token(), null).json().get("marked").asInt()).isEqualTo(1);
    assertThat(unread(rep)).isZero();
    assertThat(unread(admin)).isEqualTo(1);
  }

  @Test
  void theSameNoticeKeyTellsAUserOnce() {
    User rep = users.create(Role.SALES_REP);
    Notice notice = new Notice(rep.id(), NotificationKind.LEAD_QUALIFIED, List.of("Twice", "1", "1"), null,
        "test-twice:" + UUID.randomUUID());

    Notifications.Delivery first = notifications.notify(notice);
    Notifications.Delivery again = notifications.notify(notice);

    assertThat(first).isEqualTo(new Notifications.Delivery(true, true));
    assertThat(again).isEqualTo(Notifications.Delivery.NONE);
    assertThat(items(rep, "")).hasSize(1);
    assertThat(db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.RECIPIENT.eq(rep.email()))).isEqualTo(1);
  }

  @Test
  void theBellInThePageHeaderCountsUnreadNotifications() {
    User rep = users.create(Role.SALES_REP);
    api.patch("/api/v1/me", rep.token(), Map.of("locale", "en"));
    PageClient browser = signedIn(rep);
    assertThat(browser.get("/leads").element("li", "bell")).doesNotContain("bell-count");

    tell(rep, "Bell Lead");
    tell(rep, "Second Bell Lead");

    Page leads = browser.get("/leads");
    assertThat(leads.element("span", "bell-count")).contains(">2<");
    assertThat(leads.element("li", "bell")).contains("hx-get=\"/notifications/bell\"").contains("every 30s");
    assertThat(browser.htmx("/notifications/bell").element("span", "bell-count")).contains(">2<");
    Page list = browser.get("/notifications");
    assertThat(PageClient.text(list.html())).contains("Second Bell Lead is now an MQL").contains("Bell Lead is now an MQL");

    browser.post("/notifications/read-all");
    assertThat(browser.get("/leads").element("li", "bell")).doesNotContain("bell-count");
    assertThat(unread(rep)).isZero();
  }

  @Test
  void preferencesChooseInAppAndEmailPerKind() {
    User rep = users.create(Role.SALES_REP);
    JsonNode defaults = api.get("/api/v1/me/notification-preferences", rep.token()).json().get("items");
    assertThat(defaults.get(0).get("kind").asString()).isEqualTo("LEAD_QUALIFIED");
    assertThat(defaults.get(0).get("inApp").asBoolean()).isTrue();
    assertThat(defaults.get(0).get("email").asBoolean()).isTrue();

    Response bad = api.patch("/api/v1/me/notification-preferences", rep.token(),
        Map.of("NO_SUCH_KIND", Map.of("email", false), "LEAD_QUALIFIED", Map.of("email", "nope")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").valueStream().map(e -> e.get("field").asString()))
        .containsExactlyInAnyOrder("NO_SUCH_KIND", "LEAD_QUALIFIED.email");
    Response off = api.patch("/api/v1/me/notification-preferences", rep.token(),
        Map.of("LEAD_QUALIFIED", Map.of("email", false)));
    assertThat(off.status()).as(off.body()).isEqualTo(200);
    assertThat(off.json().get("items").get(0).get("inApp").asBoolean()).isTrue();
    assertThat(off.json().get("items").get(0).get("email").asBoolean()).isFalse();

    assertThat(tell(rep, "Quiet Lead")).isEqualTo(new Notifications.Delivery(true, false));
    assertThat(db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.RECIPIENT.eq(rep.email()))).isZero();

    PageClient browser = signedIn(rep);
    String section = browser.get("/settings/profile").element("section", "notification-preferences");
    assertThat(section).contains("name=\"LEAD_QUALIFIED.inApp\"").contains("name=\"LEAD_QUALIFIED.email\"");
    Page saved = browser.post("/settings/profile/notifications", "LEAD_QUALIFIED.email", "on");
    assertThat(saved.status()).isEqualTo(302);
    JsonNode now = api.get("/api/v1/me/notification-preferences", rep.token()).json().get("items").get(0);
    assertThat(now.get("inApp").asBoolean()).isFalse();
    assertThat(now.get("email").asBoolean()).isTrue();
    assertThat(tell(rep, "Mail-only Lead")).isEqualTo(new Notifications.Delivery(false, true));
    assertThat(items(rep, "")).hasSize(1);
  }

  @Test
  void withoutSmtpMailIsHeldAndShownToAdministratorsOnly() {
    String to = "held-" + UUID.randomUUID() + "@example.org";
    String key = "test-held:" + UUID.randomUUID();
    outbox.enqueue(OutgoingMail.of(key, MailPurpose.NOTIFICATION, to, "Held subject <b>", "Held body text",
        "<p>Held <script>alert(1)</script></p>"));
    MailView mail = outbox.byKey(key).orElseThrow();
    assertThat(mail.state()).isEqualTo(MailState.HELD);
    assertThat(outbox.sending()).isFalse();
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
        .until(() -> outbox.byKey(key).orElseThrow().state() == MailState.HELD);

    User admin = users.create(Role.ADMIN);
    PageClient adminPages = signedIn(admin);
    Page list = adminPages.get("/settings/outbox");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.contains("data-testid=\"no-smtp\"")).isTrue();
    String row = list.element("tr", "mail-" + mail.id());
    assertThat(row).contains(to).contains("Held subject &lt;b&gt;");
    assertThat(adminPages.get("/settings/outbox?state=HELD").contains("mail-" + mail.id())).isTrue();
    assertThat(adminPages.get("/settings/outbox?state=SENT").contains("mail-" + mail.id())).isFalse();
    Page preview = adminPages.get("/settings/outbox/" + mail.id());
    assertThat(preview.status()).isEqualTo(200);
    assertThat(preview.element("pre", "mail-text")).contains("Held body text");
    assertThat(preview.element("iframe", "mail-html")).contains("sandbox=\"\"").contains("&lt;script&gt;")
        .doesNotContain("<script>");
    assertThat(adminPages.get("/leads").element("a", "held-mail")).contains("/settings/outbox?state=HELD");

    for (Role role : List.of(Role.MARKETING, Role.SALES_MANAGER, Role.SALES_REP)) {
      PageClient other = signedIn(users.create(role));
      assertThat(other.get("/settings/outbox").status()).as(role.name()).isEqualTo(403);
      assertThat(other.get("/settings/outbox/" + mail.id()).status()).as(role.name()).isEqualTo(403);
      assertThat(other.get("/leads").contains("data-testid=\"held-mail\"")).as(role.name()).isFalse();
    }
  }

  @Test
  void anMqlCrossingAlertsTheOwnerOnceAndNotAgainInsideTheHysteresisBand() {
    User owner = users.create(Role.SALES_REP);
    String tag = UUID.randomUUID().toString().substring(0, 6);
    scoring.threshold(30, 10);
    scoring.pageRule("demo " + tag, 40, "/demo-" + tag);
    scoring.pageRule("cooling " + tag, -20, "/cool-" + tag);
    scoring.pageRule("frozen " + tag, -60, "/freeze-" + tag);
    String lead = api.createLead(marketing.token(), Map.of("firstName", "رضا", "lastName", "Ahmadi-" + tag,
        "ownerId", owner.id().toString()));
    UUID leadId = UUID.fromString(lead);

    scoring.visit(lead, "/demo-" + tag);
    scoring.awaitTotal(lead, 40);
    assertThat(alerts(owner)).hasSize(1);
    JsonNode alert = alerts(owner).get(0);
    assertThat(alert.get("title").asString()).as("Persian, the owner's language").isEqualTo("رضا Ahmadi-" + tag + " اکنون MQL است");
    assertThat(alert.get("link").asString()).isEqualTo("/leads/" + lead);
    MailView mail = outbox.byKey("notify:" + owner.id() + ":lead-qualified:" + leadId + ":1").orElseThrow();
    assertThat(mail.state()).isEqualTo(MailState.HELD);
    assertThat(mail.recipient()).isEqualTo(owner.email());
    assertThat(mail.subject()).isEqualTo("رضا Ahmadi-" + tag + " اکنون MQL است");
    assertThat(mail.html()).contains("dir=\"rtl\"").contains("/leads/" + lead);

    scoring.visit(lead, "/demo-" + tag);
    scoring.awaitTotal(lead, 80);
    scoring.visit(lead, "/cool-" + tag);
    scoring.visit(lead, "/cool-" + tag);
    scoring.visit(lead, "/cool-" + tag);
    scoring.awaitTotal(lead, 20);
    scoring.visit(lead, "/demo-" + tag);
    scoring.awaitTotal(lead, 60);
    assertThat(alerts(owner)).as("fell to 20, inside the band, and rose again: no new alert").hasSize(1);

    scoring.visit(lead, "/freeze-" + tag);
    scoring.awaitTotal(lead, 0);
    scoring.visit(lead, "/demo-" + tag);
    scoring.awaitTotal(lead, 40);
    assertThat(alerts(owner)).as("cooled below 10 and crossed again").hasSize(2);
    assertThat(db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.RECIPIENT.eq(owner.email()))).isEqualTo(2);
    assertThat(db.fetchCount(NOTIFICATION, NOTIFICATION.USER_ID.eq(owner.id()))).isEqualTo(2);
  }

  @Test
  void anUnownedLeadAlertsTheMembersOfItsTeam() {
    var team = users.team();
    User first = users.create(Role.SALES_REP, team.id());
    User second = users.create(Role.SALES_MANAGER, team.id());
    User outsider = users.create(Role.SALES_REP);
    String tag = UUID.randomUUID().toString().substring(0, 6);
    scoring.threshold(30, 10);
    scoring.pageRule("webinar " + tag, 40, "/webinar-" + tag);
    String lead = api.createLead(marketing.token(), Map.of("lastName", "Pool-" + tag, "teamId", team.id().toString()));

    scoring.visit(lead, "/webinar-" + tag);
    scoring.awaitTotal(lead, 40);

    assertThat(alerts(first)).hasSize(1);
    assertThat(alerts(second)).hasSize(1);
    assertThat(alerts(outsider)).isEmpty();
  }

  JsonNode alerts(User user) {
    return items(user, "");
  }
}
