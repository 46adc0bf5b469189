package org.sarnakh.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sarnakh.testing.Api.Response;
import org.sarnakh.testing.TestUsers.User;

/**
 * Scoring set up over the API for tests that need a lead to cross the MQL threshold: page-view
 * rules on a path, events on a lead, the threshold; {@link #reset} switches this test's rules off
 * and restores the default threshold, since both are global.
 */
public final class ScoringFixture {

  private final Api api;
  private final User marketing;
  private final List<String> rules = new ArrayList<>();

  public ScoringFixture(Api api, User marketing) {
    this.api = api;
    this.marketing = marketing;
  }

  public void threshold(int mqlThreshold, int rearmBelow) {
    Response r = api.patch("/api/v1/scoring/settings", marketing.token(),
        Map.of("mqlThreshold", mqlThreshold, "rearmBelow", rearmBelow));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  /** An engagement rule: {@code points} for each visit of {@code path}. */
  public void pageRule(String name, int points, String path) {
    Response r = api.post("/api/v1/scoring/rules", marketing.token(), Map.of("name", name, "axis", "ENGAGEMENT",
        "points", points, "condition", Map.of("path", path)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    rules.add(r.json().get("id").asString());
  }

  public void visit(String lead, String path) {
    Response r = api.post("/api/v1/events", marketing.token(), Map.of("events", List.of(Map.of("eventId",
        "ev-" + UUID.randomUUID(), "type", "PAGE_VIEW", "leadId", lead, "url", path))));
    assertThat(r.json().get("accepted").asInt()).as(r.body()).isEqualTo(1);
  }

  public void awaitTotal(String lead, int total) {
    await().atMost(Duration.ofSeconds(15))
        .until(() -> api.lead(lead, marketing.token()).get("score").get("total").asInt() == total);
  }

  public void reset() {
    for (String id : rules) {
      api.patch("/api/v1/scoring/rules/" + id, marketing.token(), Map.of("active", false));
    }
    rules.clear();
    threshold(100, 80);
  }
}
