package org.sarnakh.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sarnakh.platform.db.Tables.API_KEY;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.Api.Response;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.MutableClock;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Sign-in, its rate limit, session expiry, and API keys: shown once, stored hashed, scoped, revocable. */
@IntegrationTest
class IdentityIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  MutableClock clock;

  @Autowired
  DSLContext db;

  Api api;
  User admin;
  User rep;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    admin = users.create(Role.ADMIN);
    rep = users.create(Role.SALES_REP, users.team().id());
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  Response signIn(String email, String password) {
    return api.post("/api/v1/auth/tokens", null, Map.of("email", email, "password", password));
  }

  Response createKey(String token, Object body) {
    return api.post("/api/v1/api-keys", token, body);
  }

  @Test
  void signInIssuesATokenThatExpiresInTwelveHours() {
    Instant now = Instant.parse("2026-11-23T08:15:00.123Z");
    clock.set(now);

    var r = signIn(rep.email().toUpperCase(), rep.password());

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String token = r.json().get("token").asString();
    assertThat(r.json().get("expiresAt").asString()).isEqualTo("2026-11-23T20:15:00.123Z");
    var me = api.get("/api/v1/me", token);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("id").asString()).isEqualTo(rep.id().toString());

    clock.set(now.plus(Duration.ofHours(12)).minusMillis(1));
    assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
    clock.set(now.plus(Duration.ofHours(12)));
    var expired = api.get("/api/v1/me", token);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.header("Content-Type")).startsWith("application/problem+json");
    assertThat(expired.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  void wrongPasswordIsUnauthorizedAndIssuesNothing() {
    var r = signIn(rep.email(), rep.password() + "x");

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().has("token")).isFalse();
    assertThat(signIn("nobody-" + UUID.randomUUID() + "@test.sarnakh.org", "whatever-password").status()).isEqualTo(401);
  }

  @Test
  void fiveFailedSignInsLockTheAccountEvenForTheRightPassword() {
    User target = users.create(Role.MARKETING);
    for (int i = 0; i < 5; i++) {
      assertThat(signIn(target.email(), "wrong-" + i).status()).as("attempt %d", i + 1).isEqualTo(401);
    }

    var locked = signIn(target.email(), target.password());

    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.header("Content-Type")).startsWith("application/problem+json");
    assertThat(locked.json().has("token")).isFalse();
    // Only that account: another one still signs in from the same address.
    assertThat(signIn(rep.email(), rep.password()).status()).isEqualTo(201);
  }

  @Test
  void apiKeyIsShownOnceAndStoredOnlyAsAHash() {
    var created = createKey(rep.token(), Map.of("name", "CRM sync"));
    assertThat(created.status()).isEqualTo(201);
    String secret = created.json().get("key").asString();
    String id = created.json().get("id").asString();
    assertThat(secret).startsWith("snk_");
    assertThat(created.header("Location")).isEqualTo("/api/v1/api-keys/" + id);

    var listed = api.get("/api/v1/api-keys", rep.token()).json().get("items");
    assertThat(listed.valueStream().filter(k -> k.get("id").asString().equals(id))).singleElement()
        .satisfies(k -> assertThat(k.get("key").isNull()).isTrue());
    assertThat(api.get("/api/v1/api-keys", rep.token()).body()).doesNotContain(secret);

    var row = db.selectFrom(API_KEY).where(API_KEY.ID.eq(UUID.fromString(id))).fetchOne();
    assertThat(row).isNotNull();
    String randomPart = secret.substring(secret.lastIndexOf('_') + 1);
    assertThat(row.intoList()).allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain(randomPart));
    assertThat(row.getSecretHash()).hasSize(64).isNotEqualTo(secret);

    assertThat(api.get("/api/v1/me", secret).json().get("id").asString()).isEqualTo(rep.id().toString());
  }

  @Test
  void revokedApiKeyIsUnauthorized() {
    var created = createKey(rep.token(), Map.of("name", "to revoke")).json();
    String secret = created.get("key").asString();
    assertThat(api.get("/api/v1/me", secret).status()).isEqualTo(200);

    assertThat(api.delete("/api/v1/api-keys/" + created.get("id").asString(), rep.token()).status()).isEqualTo(204);

    assertThat(api.get("/api/v1/me", secret).status()).isEqualTo(401);
    assertThat(api.post("/api/v1/leads", secret, Map.of("lastName", "Revoked")).status()).isEqualTo(401);
    assertThat(api.delete("/api/v1/api-keys/" + created.get("id").asString(), rep.token()).status()).isEqualTo(404);
  }

  @Test
  void readOnlyApiKeyReadsButCannotWrite() {
    String secret = createKey(rep.token(), Map.of("name", "dashboard", "scopes", java.util.List.of("read")))
        .json().get("key").asString();
    String lead = api.createLead(rep.token(), Map.of("lastName", "Readable"));
    var before = api.lead(lead, rep.token());

    assertThat(api.get("/api/v1/leads/" + lead, secret).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/leads", secret).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/me", secret).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/leads", secret, Map.of("lastName", "Written")).status()).isEqualTo(403);
    assertThat(api.patch("/api/v1/leads/" + lead, secret, Map.of("title", "CEO")).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/leads/" + lead + "/status", secret, Map.of("status", "IN_PROCESS")).status())
        .isEqualTo(403);
    assertThat(api.delete("/api/v1/leads/" + lead, secret).status()).isEqualTo(403);
    assertThat(api.lead(lead, rep.token())).isEqualTo(before);
  }

  @Test
  void unknownScopeIsRefused() {
    var r = createKey(rep.token(), Map.of("name", "root", "scopes", java.util.List.of("admin")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("scopes");
  }

  @Test
  void deactivatedUsersTokensAndKeysStopWorking() {
    User target = users.create(Role.SALES_MANAGER);
    String key = createKey(target.token(), Map.of("name", "before leaving")).json().get("key").asString();

    var deactivated = api.patch("/api/v1/users/" + target.id(), admin.token(), Map.of("active", false));
    assertThat(deactivated.status()).isEqualTo(200);
    assertThat(deactivated.json().get("active").asBoolean()).isFalse();

    assertThat(api.get("/api/v1/me", target.token()).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/me", key).status()).isEqualTo(401);
    assertThat(signIn(target.email(), target.password()).status()).isEqualTo(401);
  }

  @Test
  void administratorCannotDeactivateThemself() {
    var r = api.patch("/api/v1/users/" + admin.id(), admin.token(), Map.of("active", false));
    assertThat(r.status()).isEqualTo(422);
    assertThat(api.get("/api/v1/me", admin.token()).status()).isEqualTo(200);
  }
}
