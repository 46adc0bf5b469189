package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Keyset pagination over every sort key in both directions, with null and equal sort values, and
 * list filters that each really narrow the list.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeadListIT {

  static final int LEADS = 120;
  static final int[] LIMITS = {7, 13, 50};

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  LeadBulkLoad bulk;

  @Autowired
  LeadCatalog catalog;

  Api api;
  User admin;
  UUID team;
  Set<String> created = new HashSet<>();

  @BeforeAll
  void loadLeads() {
    api = new Api(port);
    admin = users.create(Role.ADMIN);
    team = users.team().id();
    List<UUID> owners = List.of(users.create(Role.SALES_REP, team).id(), users.create(Role.SALES_REP, team).id(),
        users.create(Role.SALES_REP, team).id());
    Random r = new Random(7);
    Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(3));
    List<Lead> batch = new ArrayList<>();
    for (int i = 0; i < LEADS; i++) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("mobile", "+98912" + (1_000_000 + i));
      json.put("teamId", team.toString());
      maybe(r, json, "firstName", word(r));
      maybe(r, json, "lastName", word(r));
      maybe(r, json, "accountName", word(r));
      maybe(r, json, "email", "e" + word(r) + "@example.com");
      maybe(r, json, "title", word(r));
      maybe(r, json, "rating", pick(r, "HOT", "WARM", "COLD"));
      maybe(r, json, "leadSource", pick(r, "conference", "referral", "website", "partner", "social"));
      maybe(r, json, "industry", pick(r, "technology", "finance", "energy", "retail"));
      maybe(r, json, "ownerId", owners.get(r.nextInt(owners.size())).toString());
      maybe(r, json, "companySize", pick(r, 5, 10, 10, 200, 3000));
      Map<String, Object> address = new LinkedHashMap<>();
      maybe(r, address, "city", word(r));
      maybe(r, address, "country", pick(r, "IR", "DE", "GB"));
      json.put("address", address);
      // Groups of three leads share their creation time.
      Lead lead = LeadBulkLoad.build(LeadInput.parse(json, catalog), base.plusSeconds(60L * (i / 3)), admin.id());
      if (lead.status() == LeadStatus.ASSIGNED && r.nextInt(3) == 0) {
        lead.changeStatus(r.nextBoolean() ? LeadStatus.IN_PROCESS : LeadStatus.DEAD, "no_budget", lead.createdAt());
      }
      int total = (int) pick(r, 0, 10, 10, 25, 50);
      lead.scored(new LeadScore(total, 0, total));
      batch.add(lead);
      created.add(lead.id().toString());
    }
    bulk.insert(batch, new Actor(admin.id(), "list test", Actor.Channel.IMPORT));
  }

  /** Three lower-case letters from a small alphabet: many repeats, and the same order in every collation. */
  static String word(Random r) {
    return "" + (char) ('a' + r.nextInt(4)) + (char) ('a' + r.nextInt(4)) + (char) ('a' + r.nextInt(3));
  }

  static Object pick(Random r, Object... values) {
    return values[r.nextInt(values.length)];
  }

  /** Four times in five the value, otherwise nothing: the sort columns hold nulls. */
  static void maybe(Random r, Map<String, Object> json, String field, Object value) {
    if (r.nextInt(5) != 0) {
      json.put(field, value);
    }
  }

  static Stream<Arguments> everySortKeyBothWays() {
    return Stream.of(LeadQuery.SortKey.values()).flatMap(k -> Stream.of(Arguments.of(k, false), Arguments.of(k, true)));
  }

  /** The sort value of a listed lead as the API shows it; null when empty. */
  static @Nullable Comparable<?> sortValue(JsonNode lead, LeadQuery.SortKey key) {
    JsonNode v = switch (key) {
      case city -> lead.get("address").get("city");
      case country -> lead.get("address").get("country");
      case score -> lead.get("score").get("total");
      default -> lead.get(key.name());
    };
    if (v == null || v.isNull()) {
      return null;
    }
    return v.isNumber() ? (Comparable<?>) Integer.valueOf(v.asInt()) : v.asString();
  }

  /** Ascending order of the API: the sort value with nulls last, then the id as text (unsigned byte order). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Comparator<JsonNode> ascending(LeadQuery.SortKey key) {
    Comparator<JsonNode> byValue = Comparator.comparing(n -> (Comparable) sortValue(n, key),
        Comparator.nullsLast(Comparator.naturalOrder()));
    return byValue.thenComparing(n -> n.get("id").asString());
  }

  @ParameterizedTest(name = "sort={0}, descending={1}")
  @MethodSource("everySortKeyBothWays")
  void walkingAllPagesShowsEveryLeadOnceInSortOrder(LeadQuery.SortKey key, boolean descending) {
    String sort = (descending ? "-" : "") + key.name();
    List<JsonNode> seen = new ArrayList<>();
    String cursor = null;
    int page = 0;
    do {
      // The limit changes from page to page: a cursor does not depend on it.
      String url = "/api/v1/leads?teamId=" + team + "&sort=" + sort + "&limit=" + LIMITS[page % LIMITS.length]
          + (cursor == null ? "" : "&cursor=" + cursor);
      var response = api.get(url, admin.token());
      assertThat(response.status()).as(response.body()).isEqualTo(200);
      JsonNode body = response.json();
      assertThat(body.get("items").size()).isLessThanOrEqualTo(LIMITS[page % LIMITS.length]);
      body.get("items").valueStream().forEach(seen::add);
      cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asString();
      page++;
      assertThat(page).as("pages").isLessThan(LEADS);
    } while (cursor != null);

    List<String> ids = seen.stream().map(n -> n.get("id").asString()).toList();
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(Set.copyOf(ids)).isEqualTo(created);
    Comparator<JsonNode> order = descending ? ascending(key).reversed() : ascending(key);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(order.compare(seen.get(i - 1), seen.get(i))).as("%s before %s by %s",
          sortValue(seen.get(i - 1), key), sortValue(seen.get(i), key), sort).isNegative();
    }
  }

  // ---- filters combined ----

  record Filtered(String target, Map<String, List<String>> decoysByFilter, Map<String, String> params) {}

  Filtered filtered;

  /** A lead matching every filter, and for each filter a decoy that fails only that one. */
  Filtered filtered() {
    if (filtered != null) {
      return filtered;
    }
    UUID owner = users.create(Role.SALES_REP, team).id();
    UUID otherOwner = users.create(Role.SALES_REP, team).id();
    UUID scope = users.team().id();
    String tag = "combo-" + UUID.randomUUID().toString().substring(0, 8);
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(10));
    Map<String, List<String>> decoys = new LinkedHashMap<>();
    List<Lead> batch = new ArrayList<>();
    Lead target = comboLead(scope, owner, tag, at, 50, "DE", "Zimmermann", LeadStatus.IN_PROCESS);
    batch.add(target);
    Map<String, Lead> byFilter = new LinkedHashMap<>();
    byFilter.put("status", comboLead(scope, owner, tag, at, 50, "DE", "Zimmermann", LeadStatus.DEAD));
    byFilter.put("ownerId", comboLead(scope, otherOwner, tag, at, 50, "DE", "Zimmermann", LeadStatus.IN_PROCESS));
    byFilter.put("tag", comboLead(scope, owner, tag + "-other", at, 50, "DE", "Zimmermann", LeadStatus.IN_PROCESS));
    byFilter.put("createdFrom", comboLead(scope, owner, tag, at.minus(Duration.ofHours(2)), 50, "DE", "Zimmermann",
        LeadStatus.IN_PROCESS));
    byFilter.put("createdTo", comboLead(scope, owner, tag, at.plus(Duration.ofHours(2)), 50, "DE", "Zimmermann",
        LeadStatus.IN_PROCESS));
    byFilter.put("scoreMin", comboLead(scope, owner, tag, at, 10, "DE", "Zimmermann", LeadStatus.IN_PROCESS));
    byFilter.put("scoreMax", comboLead(scope, owner, tag, at, 90, "DE", "Zimmermann", LeadStatus.IN_PROCESS));
    byFilter.put("country", comboLead(scope, owner, tag, at, 50, "GB", "Zimmermann", LeadStatus.IN_PROCESS));
    byFilter.put("q", comboLead(scope, owner, tag, at, 50, "DE", "Müller", LeadStatus.IN_PROCESS));
    byFilter.forEach((filter, lead) -> {
      batch.add(lead);
      decoys.put(filter, List.of(lead.id().toString()));
    });
    bulk.insert(batch, new Actor(admin.id(), "list test", Actor.Channel.IMPORT));
    Map<String, String> params = new LinkedHashMap<>();
    params.put("teamId", scope.toString());
    params.put("status", "IN_PROCESS");
    params.put("ownerId", owner.toString());
    params.put("tag", tag);
    params.put("createdFrom", at.minus(Duration.ofHours(1)).toString());
    params.put("createdTo", at.plus(Duration.ofHours(1)).toString());
    params.put("scoreMin", "40");
    params.put("scoreMax", "60");
    params.put("country", "DE");
    params.put("q", "zimmer");
    filtered = new Filtered(target.id().toString(), decoys, params);
    return filtered;
  }

  Lead comboLead(UUID team, UUID owner, String tag, Instant at, int score, String country, String lastName,
      LeadStatus status) {
    Map<String, Object> json = Map.of("lastName", lastName, "teamId", team.toString(), "ownerId", owner.toString(),
        "tags", List.of(tag), "address", Map.of("country", country));
    Lead lead = LeadBulkLoad.build(LeadInput.parse(json, catalog), at, admin.id());
    lead.changeStatus(status, "no_budget", at);
    lead.scored(new LeadScore(score, 0, score));
    return lead;
  }

  List<String> list(Map<String, String> params) {
    StringBuilder url = new StringBuilder("/api/v1/leads?limit=500");
    params.forEach((k, v) -> url.append('&').append(k).append('=').append(v));
    var response = api.get(url.toString(), admin.token());
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().get("items").valueStream().map(n -> n.get("id").asString()).toList();
  }

  @ParameterizedTest(name = "without {0}")
  @ValueSource(strings = {"status", "ownerId", "tag", "createdFrom", "createdTo", "scoreMin", "scoreMax", "country", "q"})
  void everyFilterNarrowsTheCombinedList(String dropped) {
    Filtered f = filtered();
    assertThat(list(f.params())).containsExactly(f.target());

    Map<String, String> fewer = new LinkedHashMap<>(f.params());
    fewer.remove(dropped);
    assertThat(list(fewer)).containsExactlyInAnyOrderElementsOf(
        Stream.concat(Stream.of(f.target()), f.decoysByFilter().get(dropped).stream()).toList());
  }
}
