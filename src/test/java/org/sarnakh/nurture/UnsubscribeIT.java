package org.sarnakh.nurture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sarnakh.platform.db.Tables.LEAD_HISTORY;

import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
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

/**
 * Unsubscribe links (RFC 8058): a GET only asks; the one-click POST, without session or CSRF
 * token, suppresses the address and withdraws the lead's consent, once; forged links change nothing.
 */
@IntegrationTest
class UnsubscribeIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  Unsubscribes unsubscribes;

  @Autowired
  DSLContext db;

  Api api;
  User marketing;
  String email;
  String lead;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    marketing = users.create(Role.MARKETING);
    email = TestData.email();
    lead = api.createLead(marketing.token(), Map.of("lastName", "Reader", "email", email,
        "marketingConsent", Map.of("status", "GRANTED", "source", "web form")));
  }

  String path(String link) {
    return link.substring(link.indexOf("/u/"));
  }

  Response oneClick(String path) {
    return api.send(api.builder(path, null).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());
  }

  String consent() {
    return api.lead(lead, marketing.token()).get("marketingConsent").get("status").asString();
  }

  @Test
  void theMailHeadersOfferOneClickUnsubscribe() {
    Map<String, String> h = unsubscribes.headers(UUID.fromString(lead), email);

    assertThat(h.get("List-Unsubscribe")).startsWith("<http").contains("/u/").endsWith(">");
    assertThat(h.get("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
    assertThat(h.get("List-Unsubscribe")).doesNotContain(email).doesNotContain(email.replace("@", "%40"));
  }

  @Test
  void openingTheLinkOnlyAsksAndChangesNothing() {
    String path = path(unsubscribes.link(UUID.fromString(lead), email));

    Response page = api.get(path, null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("data-testid=\"unsubscribe\"").contains("method=\"post\"");
    assertThat(page.body()).doesNotContain(email);
    assertThat(consent()).isEqualTo("GRANTED");
    assertThat(unsubscribes.suppressed(email)).isFalse();
  }

  @Test
  void aOneClickPostUnsubscribesOnceWithoutASession() {
    String path = path(unsubscribes.link(UUID.fromString(lead), email));

    Response first = oneClick(path);
    long history = db.fetchCount(LEAD_HISTORY, LEAD_HISTORY.LEAD_ID.eq(UUID.fromString(lead)));
    Response again = oneClick(path);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).contains("data-testid=\"done\"");
    assertThat(unsubscribes.suppressed(email.toUpperCase())).isTrue();
    assertThat(unsubscribes.reason(email)).contains(Unsubscribes.Reason.UNSUBSCRIBED);
    assertThat(consent()).isEqualTo("DENIED");
    assertThat(again.status()).isEqualTo(200);
    assertThat(db.fetchCount(LEAD_HISTORY, LEAD_HISTORY.LEAD_ID.eq(UUID.fromString(lead)))).isEqualTo(history);
    assertThat(api.get(path, null).body()).contains("data-testid=\"already\"");
  }

  @Test
  void aForgedOrAlteredLinkChangesNothing() {
    String path = path(unsubscribes.link(UUID.fromString(lead), email));
    String other = path(unsubscribes.link(UUID.randomUUID(), email));
    String swapped = path.substring(0, path.indexOf('.')) + other.substring(other.indexOf('.'));
    String flipped = path.substring(0, path.length() - 1) + (path.endsWith("A") ? "B" : "A");

    for (String forged : new String[] {swapped, flipped, "/u/not-a-token", "/u/" + "x".repeat(500)}) {
      Response r = oneClick(forged);
      assertThat(r.status()).as(forged).isEqualTo(404);
      assertThat(r.body()).contains("data-testid=\"invalid\"");
    }
    assertThat(consent()).isEqualTo("GRANTED");
    assertThat(unsubscribes.suppressed(email)).isFalse();
  }
}
