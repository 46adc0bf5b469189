package org.sarnakh.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.platform.mail.MailOutbox;
import org.sarnakh.platform.mail.MailView;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.MutableClock;
import org.sarnakh.testing.ScoringFixture;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Each rep's day by mail: sent once the digest time has passed in the rep's own time zone, once a
 * day, in the rep's language, with their leads in rank order; nothing for a rep without open leads,
 * for one who switched the mail off, or when the digest is off.
 */
@IntegrationTest
class PriorityDigestIT {

  static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");
  /** Tomorrow in Tehran: the events the tests send now are then within the last days that count as recent. */
  static final LocalDate DAY = LocalDate.now(TEHRAN).plusDays(1);
  static final Instant TEHRAN_0730 = DAY.atTime(7, 30).atZone(TEHRAN).toInstant();
  static final Instant TEHRAN_0830 = DAY.atTime(8, 30).atZone(TEHRAN).toInstant();

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  PriorityDigests digests;

  @Autowired
  MailOutbox outbox;

  @Autowired
  MutableClock clock;

  Api api;
  User marketing;
  ScoringFixture scoring;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    marketing = users.create(Role.MARKETING);
    scoring = new ScoringFixture(api, marketing);
    assertThat(api.patch("/api/v1/scoring/settings", marketing.token(), Map.of("digestEnabled", true, "digestAt", "08:00"))
        .status()).isEqualTo(200);
  }

  @AfterEach
  void restore() {
    clock.reset();
    scoring.reset();
    api.patch("/api/v1/scoring/settings", marketing.token(), Map.of("digestEnabled", true, "digestAt", "08:00"));
  }

  User rep(String timeZone, String locale) {
    User rep = users.create(Role.SALES_REP, users.team().id());
    assertThat(api.patch("/api/v1/me", rep.token(), Map.of("timeZone", timeZone, "locale", locale)).status())
        .isEqualTo(200);
    return rep;
  }

  MailView digestOf(User rep, String day) {
    return outbox.byKey("notify:" + rep.id() + ":digest:" + day).orElseThrow(() -> new AssertionError("no digest"));
  }

  @Test
  void aRepGetsTheirDayOnceAfterTheDigestTimeOfTheirOwnZoneWithTheHottestLeadFirst() {
    String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
    scoring.pageRule("pricing " + tag, 30, "/pricing-" + tag);
    User rep = rep("Asia/Tehran", "en");
    User idle = rep("Asia/Tehran", "en");
    api.createLead(rep.token(), Map.of("lastName", "Cool " + tag));
    String hot = api.createLead(rep.token(), Map.of("lastName", "Hot " + tag));
    scoring.visit(hot, "/pricing-" + tag);
    scoring.awaitTotal(hot, 30);

    clock.set(TEHRAN_0730);
    digests.sendDue();
    assertThat(outbox.byKey("notify:" + rep.id() + ":digest:" + DAY)).as("before 08:00 in Tehran").isEmpty();

    clock.set(TEHRAN_0830);
    digests.sendDue();
    clock.set(TEHRAN_0830.plusSeconds(600));
    digests.sendDue();

    MailView mail = digestOf(rep, DAY.toString());
    assertThat(mail.recipient()).isEqualTo(rep.email());
    assertThat(mail.subject()).isEqualTo("Your day: 2 leads to work on");
    assertThat(mail.html()).contains("dir=\"ltr\"");
    assertThat(mail.text().indexOf("Hot " + tag)).isPositive().isLessThan(mail.text().indexOf("Cool " + tag));
    assertThat(mail.text()).contains("pricing " + tag + " ×1").contains("/leads/" + hot);
    assertThat(outbox.byKey("notify:" + idle.id() + ":digest:" + DAY)).as("no open leads, no mail").isEmpty();
  }

  @Test
  void theDigestSpeaksTheRepsLanguageAndFollowsTheirZone() {
    User newYork = rep("America/New_York", "fa");
    api.createLead(newYork.token(), Map.of("lastName", "نمونه"));

    clock.set(TEHRAN_0830);
    digests.sendDue();
    // 08:30 in Tehran is still night in New York: no digest there yet.
    assertThat(outbox.byKey("notify:" + newYork.id() + ":digest:" + DAY)).isEmpty();
    clock.set(TEHRAN_0830.plus(java.time.Duration.ofHours(9)));
    digests.sendDue();
    MailView ninth = digestOf(newYork, DAY.toString());
    assertThat(ninth.subject()).contains("کارهای امروز");
    assertThat(ninth.html()).contains("dir=\"rtl\"").contains("نمونه");
  }

  @Test
  void noDigestForARepWhoSwitchedItOffOrWhenTheDigestIsOff() {
    User quiet = rep("Asia/Tehran", "en");
    api.createLead(quiet.token(), Map.of("lastName", "Unsent"));
    assertThat(api.patch("/api/v1/me/notification-preferences", quiet.token(),
        Map.of("DAILY_DIGEST", Map.of("email", false))).status()).isEqualTo(200);
    User later = rep("Asia/Tehran", "en");
    api.createLead(later.token(), Map.of("lastName", "Later"));

    clock.set(TEHRAN_0830.plus(java.time.Duration.ofDays(1)));
    digests.sendDue();
    clock.reset(); // session tokens expire on the clock: switch the digest off at the real time
    var off = api.patch("/api/v1/scoring/settings", marketing.token(), Map.of("digestEnabled", false));
    assertThat(off.status()).as(off.body()).isEqualTo(200);
    assertThat(off.json().get("digestEnabled").asBoolean()).isFalse();
    clock.set(TEHRAN_0830.plus(java.time.Duration.ofDays(2)));
    int sent = digests.sendDue();

    assertThat(outbox.byKey("notify:" + quiet.id() + ":digest:" + DAY.plusDays(1))).isEmpty();
    assertThat(digestOf(later, DAY.plusDays(1).toString())).isNotNull();
    assertThat(sent).isZero();
    assertThat(outbox.byKey("notify:" + later.id() + ":digest:" + DAY.plusDays(2))).isEmpty();
  }
}
