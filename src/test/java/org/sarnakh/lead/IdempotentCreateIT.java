package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code Idempotency-Key} on {@code POST /api/v1/leads}: a repeat replays the first answer and creates nothing. */
@IntegrationTest
class IdempotentCreateIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  Api api;
  User manager;
  String tag;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    manager = users.create(Role.SALES_MANAGER, users.team().id());
    tag = "idem-" + UUID.randomUUID().toString().substring(0, 8);
  }

  List<String> tagged() {
    return api.get("/api/v1/leads?tag=" + tag, manager.token()).json().get("items").valueStream()
        .map(n -> n.get("id").asString()).toList();
  }

  @Test
  void repeatedCreateReturnsTheFirstAnswerAndCreatesNothingNew() {
    Map<String, Object> body = Map.of("lastName", "Once", "tags", List.of(tag));
    String key = UUID.randomUUID().toString();

    var first = api.postWith("/api/v1/leads", manager.token(), body, "Idempotency-Key", key);
    var second = api.postWith("/api/v1/leads", manager.token(), body, "Idempotency-Key", key);

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.header("Location")).isEqualTo(first.header("Location"));
    assertThat(second.json()).isEqualTo(first.json());
    assertThat(tagged()).containsExactly(first.json().get("id").asString());
  }

  @Test
  void sameKeyWithAnotherBodyIsRefusedAndCreatesNothing() {
    String key = UUID.randomUUID().toString();
    var first = api.postWith("/api/v1/leads", manager.token(), Map.of("lastName", "First", "tags", List.of(tag)),
        "Idempotency-Key", key);
    assertThat(first.status()).isEqualTo(201);

    var other = api.postWith("/api/v1/leads", manager.token(), Map.of("lastName", "Second", "tags", List.of(tag)),
        "Idempotency-Key", key);

    assertThat(other.status()).isEqualTo(422);
    assertThat(other.header("Content-Type")).startsWith("application/problem+json");
    assertThat(tagged()).containsExactly(first.json().get("id").asString());
  }

  @Test
  void keysOfDifferentUsersDoNotMeet() {
    String key = UUID.randomUUID().toString();
    User other = users.create(Role.SALES_MANAGER, users.team().id());
    Map<String, Object> body = Map.of("lastName", "Twin", "tags", List.of(tag));

    var mine = api.postWith("/api/v1/leads", manager.token(), body, "Idempotency-Key", key);
    var theirs = api.postWith("/api/v1/leads", other.token(), body, "Idempotency-Key", key);

    assertThat(theirs.status()).isEqualTo(201);
    assertThat(theirs.json().get("id")).isNotEqualTo(mine.json().get("id"));
  }

  @Test
  void createThatFailsDoesNotSpendTheKey() {
    String key = UUID.randomUUID().toString();
    var bad = api.postWith("/api/v1/leads", manager.token(), Map.of("lastName", "x".repeat(101), "tags", List.of(tag)),
        "Idempotency-Key", key);
    assertThat(bad.status()).isEqualTo(400);

    var good = api.postWith("/api/v1/leads", manager.token(), Map.of("lastName", "Fixed", "tags", List.of(tag)),
        "Idempotency-Key", key);

    assertThat(good.status()).isEqualTo(201);
    assertThat(tagged()).containsExactly(good.json().get("id").asString());
  }
}
