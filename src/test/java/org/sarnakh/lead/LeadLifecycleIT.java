package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestData;
import org.sarnakh.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class LeadLifecycleIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  Api api;
  TestUsers.User manager;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    manager = users.create(Role.SALES_MANAGER);
  }

  @Test
  void createdLeadIsFoundByPersianNameTypedWithArabicLetters() {
    String mobile = TestData.mobile();
    String persianDigits = TestData.persianDigits(mobile);
    var created = api.post("/api/v1/leads", manager.token(), Map.of("firstName", "علی", "lastName", "رضایی‌نژاد",
        "mobile", persianDigits, "tags", List.of("expo")));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asString();
    assertThat(created.header("Location")).isEqualTo("/api/v1/leads/" + id);

    var found = api.get("/api/v1/leads?q=" + java.net.URLEncoder.encode("علي رضايي نژاد", java.nio.charset.StandardCharsets.UTF_8),
        manager.token());
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().get("items").valueStream().map(n -> n.get("id").asString())).contains(id);

    var byPhone = api.get("/api/v1/leads?q=%2B" + TestData.e164(mobile).substring(1), manager.token());
    assertThat(byPhone.json().get("items").valueStream().map(n -> n.get("id").asString())).contains(id);
  }

  @Test
  void deadNeedsAKnownReasonAndIsRecordedInHistory() {
    String id = api.post("/api/v1/leads", manager.token(), Map.of("lastName", "Moore")).json().get("id").asString();

    var noReason = api.post("/api/v1/leads/" + id + "/status", manager.token(), Map.of("status", "DEAD"));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");

    var unknown = api.post("/api/v1/leads/" + id + "/status", manager.token(), Map.of("status", "DEAD", "reason", "bored"));
    assertThat(unknown.status()).isEqualTo(400);

    var dead = api.post("/api/v1/leads/" + id + "/status", manager.token(), Map.of("status", "DEAD", "reason", "no_budget"));
    assertThat(dead.status()).isEqualTo(200);
    assertThat(dead.json().get("status").asString()).isEqualTo("DEAD");

    var illegal = api.post("/api/v1/leads/" + id + "/status", manager.token(), Map.of("status", "IN_PROCESS"));
    assertThat(illegal.status()).isEqualTo(409);

    var history = api.get("/api/v1/leads/" + id + "/history", manager.token()).json().get("items");
    assertThat(history.valueStream().filter(h -> h.get("field").asString().equals("status")).findFirst().orElseThrow()
        .get("newValue").asString()).isEqualTo("DEAD");
  }
}
