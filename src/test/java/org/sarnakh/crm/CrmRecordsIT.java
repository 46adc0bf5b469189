package org.sarnakh.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class CrmRecordsIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
  }

  @Test
  void opportunityNeedsAnExistingAccount() {
    var rep = users.create(Role.SALES_REP);
    var missing = api.post("/api/v1/opportunities", rep.token(), Map.of("name", "Fleet deal"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("errors").valueStream().map(e -> e.get("field").asString())).contains("accountId");

    var unknown = api.post("/api/v1/opportunities", rep.token(),
        Map.of("name", "Fleet deal", "accountId", "00000000-0000-0000-0000-000000000001"));
    assertThat(unknown.status()).isEqualTo(400);

    String account = api.post("/api/v1/accounts", rep.token(), Map.of("name", "فناوران پارس", "address", Map.of("country", "ایران")))
        .json().get("id").asString();
    var deal = api.post("/api/v1/opportunities", rep.token(), Map.of("name", "Fleet deal", "accountId", account,
        "amount", Map.of("amount", "2500000", "currency", "IRR"), "closeDate", "2027-01-31"));
    assertThat(deal.status()).isEqualTo(201);
    assertThat(deal.json().get("amount").get("amount").asString()).isEqualTo("2500000");
    assertThat(deal.json().get("stage").asString()).isEqualTo("PROSPECTING");
    assertThat(api.get("/api/v1/accounts/" + account, rep.token()).json().get("address").get("country").asString())
        .isEqualTo("IR");
  }

  @Test
  void campaignsAreRunByMarketingAndLeadsCanNameThem() {
    var rep = users.create(Role.SALES_REP);
    var marketing = users.create(Role.MARKETING);
    assertThat(api.post("/api/v1/campaigns", rep.token(), Map.of("name", "Expo 2026")).status()).isEqualTo(403);
    var campaign = api.post("/api/v1/campaigns", marketing.token(), Map.of("name", "Expo 2026", "type", "event",
        "budget", Map.of("amount", "1000", "currency", "EUR")));
    assertThat(campaign.status()).isEqualTo(201);
    String id = campaign.json().get("id").asString();

    var lead = api.post("/api/v1/leads", marketing.token(), Map.of("lastName", "Taylor", "campaignId", id));
    assertThat(lead.status()).isEqualTo(201);
    assertThat(lead.json().get("campaignId").asString()).isEqualTo(id);
    assertThat(api.get("/api/v1/leads?campaignId=" + id, marketing.token()).json().get("items").size()).isEqualTo(1);
  }

  @Test
  void accountListWalksEveryRecordOnceByCursor() {
    var manager = users.create(Role.SALES_MANAGER);
    for (int i = 0; i < 7; i++) {
      assertThat(api.post("/api/v1/accounts", manager.token(), Map.of("name", "Walk " + i)).status()).isEqualTo(201);
    }
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      var page = api.get("/api/v1/accounts?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), manager.token()).json();
      page.get("items").forEach(a -> assertThat(seen.add(a.get("id").asString())).isTrue());
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
      pages++;
    } while (cursor != null && pages < 1000);
    assertThat(seen).hasSizeGreaterThanOrEqualTo(7);
    assertThat(api.get("/api/v1/accounts?cursor=garbage", manager.token()).status()).isEqualTo(400);
  }
}
