package org.sarnakh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sarnakh.identity.Credentials;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.Api.Response;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every API endpoint against every kind of caller (PRODUCT.md §5), then record-level visibility:
 * who sees which lead, and that a lead one may not see answers 404 everywhere and stays unchanged.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {

  enum Caller { ADMIN, MARKETING, SALES_MANAGER, SALES_REP, READ_ONLY_KEY, REVOKED_KEY, BAD_TOKEN, NO_TOKEN }

  /** One endpoint, how to call it, and what each role gets. */
  record Endpoint(String name, boolean read, Call call, int admin, int marketing, int manager, int rep) {
    int expected(Caller caller) {
      return switch (caller) {
        case ADMIN -> admin;
        case MARKETING -> marketing;
        case SALES_MANAGER -> manager;
        case SALES_REP -> rep;
        // The read-only key belongs to an administrator.
        case READ_ONLY_KEY -> read ? admin : 403;
        case REVOKED_KEY, BAD_TOKEN, NO_TOKEN -> 401;
      };
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @FunctionalInterface
  interface Call {
    Response call(@Nullable String token);
  }

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  Credentials credentials;

  Api api;
  UUID teamA;
  UUID teamB;
  User admin;
  User marketing;
  User manager;
  User rep;
  User teammate;
  User otherTeamRep;
  String readOnlyKey;
  String revokedKey;
  String managersJob;
  String callList;
  String matrixTemplate;
  String tag;
  String placementTag;

  @BeforeAll
  void setUp() {
    api = new Api(port);
    teamA = users.team().id();
    teamB = users.team().id();
    admin = users.create(Role.ADMIN);
    marketing = users.create(Role.MARKETING);
    manager = users.create(Role.SALES_MANAGER, teamA);
    rep = users.create(Role.SALES_REP, teamA);
    teammate = users.create(Role.SALES_REP, teamA);
    otherTeamRep = users.create(Role.SALES_REP, teamB);
    readOnlyKey = credentials.createApiKey(admin.id(), "read only", List.of("read")).secret();
    var revoked = credentials.createApiKey(admin.id(), "revoked", null);
    credentials.revokeApiKey(revoked.key().id(), null);
    revokedKey = revoked.secret();
    tag = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
    placementTag = tag + "-placed";
    var job = api.post("/api/v1/leads/mass-update", manager.token(),
        Map.of("filter", Map.of("tag", tag + "-none"), "set", Map.of("rating", "WARM")));
    assertThat(job.status()).isEqualTo(202);
    managersJob = job.json().get("id").asString();
    await().atMost(Duration.ofSeconds(30)).until(() ->
        api.get("/api/v1/jobs/" + managersJob, manager.token()).json().get("status").asString().equals("COMPLETED"));
    callList = api.post("/api/v1/segments", marketing.token(), Map.of("name", tag + " call list", "kind", "STATIC"))
        .json().get("id").asString();
    matrixTemplate = api.post("/api/v1/email-templates", marketing.token(), Map.of("name", tag + " template",
        "variants", Map.of("en", Map.of("subject", "Hi", "text", "Hello")))).json().get("id").asString();
  }

  @Nullable
  String token(Caller caller) {
    return switch (caller) {
      case ADMIN -> admin.token();
      case MARKETING -> marketing.token();
      case SALES_MANAGER -> manager.token();
      case SALES_REP -> rep.token();
      case READ_ONLY_KEY -> readOnlyKey;
      case REVOKED_KEY -> revokedKey;
      case BAD_TOKEN -> "snt_" + UUID.randomUUID();
      case NO_TOKEN -> null;
    };
  }

  /** A lead every role may see: owned by the rep, in the team of the rep and the manager. */
  String repsLead() {
    return api.createLead(admin.token(), Map.of("lastName", "Matrix", "ownerId", rep.id().toString(),
        "teamId", teamA.toString(), "tags", List.of(tag)));
  }

  /** A deal on a fresh account, created by the administrator. */
  String matrixDeal() {
    String account = api.post("/api/v1/accounts", admin.token(), Map.of("name", unique("Matrix "))).json().get("id")
        .asString();
    return api.post("/api/v1/opportunities", admin.token(), Map.of("name", "Matrix deal", "accountId", account))
        .json().get("id").asString();
  }

  String deletedRepsLead() {
    String id = repsLead();
    assertThat(api.delete("/api/v1/leads/" + id, admin.token()).status()).isEqualTo(204);
    return id;
  }

  /** A routing rule that matches no lead (a tag nobody has), so the matrix routes nothing anywhere. */
  Map<String, Object> routingRuleBody() {
    return Map.of("name", unique("matrix rule "), "strategy", "FIXED",
        "conditions", List.of(Map.of("field", "tags", "op", "in", "values", List.of(unique("no-lead-")))),
        "pool", Map.of("users", List.of(Map.of("userId", rep.id().toString()))));
  }

  String routingRule() {
    return api.post("/api/v1/routing/rules", admin.token(), routingRuleBody()).json().get("id").asString();
  }

  List<String> routingRuleIds() {
    List<String> ids = new ArrayList<>();
    api.get("/api/v1/routing/rules", admin.token()).json().get("items").forEach(r -> ids.add(r.get("id").asString()));
    return ids;
  }

  static Map<String, Object> absenceBody() {
    return Map.of("startsAt", "2030-01-01T00:00:00Z", "endsAt", "2030-01-02T00:00:00Z");
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  Stream<Endpoint> endpoints() {
    String leads = "/api/v1/leads";
    return Stream.of(
        new Endpoint("POST /leads", false, t -> api.post(leads, t, Map.of("lastName", "Created")), 201, 201, 201, 201),
        new Endpoint("GET /leads", true, t -> api.get(leads + "?tag=" + tag, t), 200, 200, 200, 200),
        new Endpoint("GET /leads/{id}", true, t -> api.get(leads + "/" + repsLead(), t), 200, 200, 200, 200),
        new Endpoint("PATCH /leads/{id}", false, t -> api.patch(leads + "/" + repsLead(), t, Map.of("title", "CTO")),
            200, 200, 200, 200),
        new Endpoint("DELETE /leads/{id}", false, t -> api.delete(leads + "/" + repsLead(), t), 204, 204, 204, 403),
        new Endpoint("POST /leads/{id}/restore", false, t -> api.post(leads + "/" + deletedRepsLead() + "/restore", t, null),
            200, 200, 200, 403),
        new Endpoint("POST /leads/{id}/status", false,
            t -> api.post(leads + "/" + repsLead() + "/status", t, Map.of("status", "IN_PROCESS")), 200, 200, 200, 200),
        new Endpoint("GET /leads/{id}/history", true, t -> api.get(leads + "/" + repsLead() + "/history", t),
            200, 200, 200, 200),
        new Endpoint("GET /leads/{id}/activities", true, t -> api.get(leads + "/" + repsLead() + "/activities", t),
            200, 200, 200, 200),
        new Endpoint("POST /leads/{id}/activities", false, t -> api.post(leads + "/" + repsLead() + "/activities", t,
            Map.of("kind", "NOTE", "subject", "called back")), 201, 201, 201, 201),
        new Endpoint("GET /leads/{id}/timeline", true, t -> api.get(leads + "/" + repsLead() + "/timeline", t),
            200, 200, 200, 200),
        new Endpoint("POST /leads/mass-update", false, t -> api.post(leads + "/mass-update", t,
            Map.of("ids", List.of(repsLead()), "set", Map.of("rating", "HOT"))), 200, 200, 200, 403),
        new Endpoint("GET /leads/export.csv", true, t -> api.get(leads + "/export.csv?tag=" + tag, t), 200, 200, 200, 403),
        new Endpoint("GET /users", true, t -> api.get("/api/v1/users", t), 200, 200, 200, 200),
        new Endpoint("POST /users", false, t -> api.post("/api/v1/users", t, Map.of("email", unique("u") + "@test.sarnakh.org",
            "displayName", "New user", "role", "SALES_REP", "password", "a-long-password")), 201, 403, 403, 403),
        new Endpoint("GET /users/{id}", true, t -> api.get("/api/v1/users/" + teammate.id(), t), 200, 200, 200, 200),
        new Endpoint("PATCH /users/{id}", false, t -> api.patch("/api/v1/users/" + teammate.id(), t, Map.of("active", true)),
            200, 403, 403, 403),
        new Endpoint("GET /teams", true, t -> api.get("/api/v1/teams", t), 200, 200, 200, 200),
        new Endpoint("POST /teams", false, t -> api.post("/api/v1/teams", t, Map.of("name", unique("Team "))),
            201, 403, 403, 403),
        new Endpoint("GET /api-keys", true, t -> api.get("/api/v1/api-keys", t), 200, 200, 200, 200),
        new Endpoint("POST /api-keys", false, t -> api.post("/api/v1/api-keys", t, Map.of("name", "matrix key")),
            201, 201, 201, 201),
        new Endpoint("DELETE /api-keys/{id} of another user", false, t -> api.delete("/api/v1/api-keys/"
            + credentials.createApiKey(otherTeamRep.id(), "someone else's", null).key().id(), t), 204, 404, 404, 404),
        new Endpoint("GET /me", true, t -> api.get("/api/v1/me", t), 200, 200, 200, 200),
        new Endpoint("PATCH /me", false, t -> api.patch("/api/v1/me", t, Map.of("locale", "en")), 200, 200, 200, 200),
        new Endpoint("GET /me/notifications", true, t -> api.get("/api/v1/me/notifications", t), 200, 200, 200, 200),
        new Endpoint("GET /me/notifications/unread-count", true, t -> api.get("/api/v1/me/notifications/unread-count", t),
            200, 200, 200, 200),
        new Endpoint("POST /me/notifications/read-all", false, t -> api.post("/api/v1/me/notifications/read-all", t, null),
            200, 200, 200, 200),
        new Endpoint("GET /me/notification-preferences", true, t -> api.get("/api/v1/me/notification-preferences", t),
            200, 200, 200, 200),
        new Endpoint("PATCH /me/notification-preferences", false, t -> api.patch("/api/v1/me/notification-preferences", t,
            Map.of("LEAD_QUALIFIED", Map.of("inApp", true))), 200, 200, 200, 200),
        new Endpoint("GET /routing/rules", true, t -> api.get("/api/v1/routing/rules", t), 200, 200, 200, 403),
        new Endpoint("POST /routing/rules", false, t -> api.post("/api/v1/routing/rules", t, routingRuleBody()),
            201, 403, 201, 403),
        new Endpoint("GET /routing/rules/{id}", true, t -> api.get("/api/v1/routing/rules/" + routingRule(), t),
            200, 200, 200, 403),
        new Endpoint("PATCH /routing/rules/{id}", false, t -> api.patch("/api/v1/routing/rules/" + routingRule(), t,
            Map.of("name", unique("renamed "))), 200, 403, 200, 403),
        new Endpoint("DELETE /routing/rules/{id}", false, t -> api.delete("/api/v1/routing/rules/" + routingRule(), t),
            204, 403, 204, 403),
        new Endpoint("PUT /routing/rules/order", false, t -> api.request("PUT", "/api/v1/routing/rules/order", t,
            Api.JSON.writeValueAsString(Map.of("ids", routingRuleIds())), "application/json"), 200, 403, 200, 403),
        new Endpoint("GET /routing/settings", true, t -> api.get("/api/v1/routing/settings", t), 200, 200, 200, 403),
        new Endpoint("PATCH /routing/settings", false, t -> api.patch("/api/v1/routing/settings", t, Map.of()),
            200, 403, 200, 403),
        new Endpoint("GET /routing/users/{id}/capacity", true, t -> api.get("/api/v1/routing/users/" + teammate.id()
            + "/capacity", t), 200, 403, 200, 403),
        new Endpoint("PUT /routing/users/{id}/capacity", false, t -> api.request("PUT", "/api/v1/routing/users/"
            + teammate.id() + "/capacity", t, "{\"dailyCap\": 50}", "application/json"), 200, 403, 200, 403),
        new Endpoint("POST /routing/users/{id}/absences", false, t -> api.post("/api/v1/routing/users/" + teammate.id()
            + "/absences", t, absenceBody()), 201, 403, 201, 403),
        new Endpoint("DELETE /routing/users/{id}/absences/{id}", false, t -> api.delete("/api/v1/routing/users/"
            + teammate.id() + "/absences/" + api.post("/api/v1/routing/users/" + teammate.id() + "/absences",
                admin.token(), absenceBody()).json().get("id").asString(), t), 204, 403, 204, 403),
        new Endpoint("POST /routing/reassign", false, t -> api.post("/api/v1/routing/reassign", t,
            Map.of("ids", List.of(repsLead()), "toUserId", rep.id().toString())), 200, 403, 200, 403),
        new Endpoint("POST /leads/{id}/route", false, t -> api.post(leads + "/" + repsLead() + "/route", t, null),
            200, 403, 200, 403),
        new Endpoint("GET /leads/{id}/routing", true, t -> api.get(leads + "/" + repsLead() + "/routing", t),
            200, 200, 200, 200),
        new Endpoint("GET /scoring/rules", true, t -> api.get("/api/v1/scoring/rules", t), 200, 200, 200, 200),
        new Endpoint("POST /scoring/rules", false, t -> api.post("/api/v1/scoring/rules", t, Map.of("name", unique("rule "),
            "axis", "FIT", "points", 5, "active", false, "condition", Map.of("field", "industry", "op", "PRESENT"))),
            201, 201, 403, 403),
        new Endpoint("GET /scoring/settings", true, t -> api.get("/api/v1/scoring/settings", t), 200, 200, 200, 200),
        new Endpoint("PATCH /scoring/settings", false, t -> api.patch("/api/v1/scoring/settings", t,
            Map.of("mqlThreshold", 100)), 200, 200, 403, 403),
        new Endpoint("POST /scoring/backtest", false, t -> api.post("/api/v1/scoring/backtest", t,
            Map.of("filter", Map.of("tag", tag), "limit", 10)), 200, 200, 403, 403),
        new Endpoint("GET /scoring/report", true, t -> api.get("/api/v1/scoring/report", t), 200, 200, 200, 403),
        new Endpoint("GET /me/priorities", true, t -> api.get("/api/v1/me/priorities", t), 200, 200, 200, 200),
        new Endpoint("GET /me/priorities of the rep", true, t -> api.get("/api/v1/me/priorities?ownerId=" + rep.id(), t),
            200, 403, 200, 200),
        new Endpoint("GET /leads/{id}/score", true, t -> api.get(leads + "/" + repsLead() + "/score", t),
            200, 200, 200, 200),
        new Endpoint("GET /settings/lead-sources", true, t -> api.get("/api/v1/settings/lead-sources", t),
            200, 200, 200, 200),
        new Endpoint("POST /settings/lead-sources", false, t -> api.post("/api/v1/settings/lead-sources", t,
            Map.of("code", unique("src_"), "labels", Map.of("en", "Matrix source"))), 201, 403, 403, 403),
        new Endpoint("GET /settings/custom-fields", true, t -> api.get("/api/v1/settings/custom-fields", t),
            200, 200, 200, 200),
        new Endpoint("POST /settings/custom-fields", false, t -> api.post("/api/v1/settings/custom-fields", t,
            Map.of("name", unique("matrix"), "label", "Matrix field")), 201, 403, 403, 403),
        new Endpoint("GET /forms", true, t -> api.get("/api/v1/forms", t), 200, 200, 403, 403),
        new Endpoint("POST /forms", false, t -> api.post("/api/v1/forms", t, Map.of("name", unique("Form "),
            "fields", java.util.List.of(Map.of("name", "email")))), 201, 201, 403, 403),
        new Endpoint("GET /segments", true, t -> api.get("/api/v1/segments", t), 200, 200, 200, 200),
        new Endpoint("GET /segments/{id}", true, t -> api.get("/api/v1/segments/" + callList, t), 200, 200, 200, 200),
        new Endpoint("POST /segments", false, t -> api.post("/api/v1/segments", t, Map.of("name", unique("list "),
            "kind", "STATIC")), 201, 201, 403, 403),
        new Endpoint("PATCH /segments/{id}", false, t -> api.patch("/api/v1/segments/" + callList, t,
            Map.of("name", tag + " call list")), 200, 200, 403, 403),
        new Endpoint("POST /segments/preview", false, t -> api.post("/api/v1/segments/preview", t,
            Map.of("definition", Map.of("match", Map.of("tag", tag)))), 200, 200, 403, 403),
        new Endpoint("POST /segments/{id}/members", false, t -> api.post("/api/v1/segments/" + callList + "/members", t,
            Map.of("leadIds", List.of(repsLead()))), 200, 200, 200, 403),
        new Endpoint("POST /segments/{id}/members/remove", false, t -> api.post("/api/v1/segments/" + callList
            + "/members/remove", t, Map.of("leadIds", List.of(repsLead()))), 200, 200, 200, 403),
        new Endpoint("DELETE /segments/{id} of nothing", false, t -> api.delete("/api/v1/segments/" + UUID.randomUUID(), t),
            404, 404, 403, 403),
        new Endpoint("GET /sequences", true, t -> api.get("/api/v1/sequences", t), 200, 200, 403, 403),
        new Endpoint("POST /sequences", false, t -> api.post("/api/v1/sequences", t, Map.of("name", unique("sequence "),
            "steps", List.of(Map.of("delay", "P1D", "templateId", matrixTemplate)))), 201, 201, 403, 403),
        new Endpoint("GET /leads/{id}/enrollments", true, t -> api.get(leads + "/" + repsLead() + "/enrollments", t),
            200, 200, 200, 200),
        new Endpoint("GET /email-templates", true, t -> api.get("/api/v1/email-templates", t), 200, 200, 403, 403),
        new Endpoint("POST /email-templates", false, t -> api.post("/api/v1/email-templates", t, Map.of("name",
            unique("template "), "variants", Map.of("en", Map.of("subject", "Hi", "text", "Hello")))), 201, 201, 403, 403),
        new Endpoint("POST /leads/{id}/convert", false, t -> api.post(leads + "/" + repsLead() + "/convert", t,
            Map.of("account", Map.of("create", Map.of("name", unique("Matrix Co "))))), 201, 201, 201, 201),
        new Endpoint("GET /leads/{id}/conversion of a lead not converted", true,
            t -> api.get(leads + "/" + repsLead() + "/conversion", t), 404, 404, 404, 404),
        new Endpoint("GET /leads/{id}/qualification", true, t -> api.get(leads + "/" + repsLead() + "/qualification", t),
            200, 200, 200, 200),
        new Endpoint("PUT /leads/{id}/qualification", false, t -> api.request("PUT", leads + "/" + repsLead()
            + "/qualification", t, "{\"checked\": []}", "application/json"), 200, 200, 200, 200),
        new Endpoint("GET /settings/qualification-items", true, t -> api.get("/api/v1/settings/qualification-items", t),
            200, 200, 200, 200),
        new Endpoint("POST /settings/qualification-items/{code}/deactivate", false,
            t -> api.post("/api/v1/settings/qualification-items/matrix_none/deactivate", t, null), 404, 403, 403, 403),
        new Endpoint("GET /settings/conversion-mapping", true, t -> api.get("/api/v1/settings/conversion-mapping", t),
            200, 200, 200, 200),
        new Endpoint("PUT /settings/conversion-mapping", false, t -> api.request("PUT", "/api/v1/settings/conversion-mapping",
            t, "{}", "application/json"), 200, 403, 403, 403),
        new Endpoint("GET /accounts", true, t -> api.get("/api/v1/accounts?limit=1", t), 200, 200, 200, 200),
        new Endpoint("PATCH /opportunities/{id}", false, t -> api.patch("/api/v1/opportunities/" + matrixDeal(), t,
            Map.of("stage", "PROPOSAL")), 200, 200, 200, 200),
        new Endpoint("GET /opportunity-board", true, t -> api.get("/api/v1/opportunity-board", t), 200, 200, 200, 200),
        new Endpoint("GET /jobs/{id} started by the manager", true, t -> api.get("/api/v1/jobs/" + managersJob, t),
            200, 404, 200, 404));
  }

  Stream<Arguments> everyEndpointForEveryCaller() {
    return endpoints().flatMap(e -> Stream.of(Caller.values()).map(c -> Arguments.of(e, c, e.expected(c))));
  }

  @ParameterizedTest(name = "{0} as {1} → {2}")
  @MethodSource("everyEndpointForEveryCaller")
  void endpointAnswersTheCallerAsTheRoleMatrixSays(Endpoint endpoint, Caller caller, int expected) {
    Response response = endpoint.call().call(token(caller));

    assertThat(response.status()).as(response.body()).isEqualTo(expected);
    if (expected >= 400) {
      assertThat(response.header("Content-Type")).startsWith("application/problem+json");
      assertThat(response.json().get("status").asInt()).isEqualTo(expected);
    }
  }

  /** Where a lead sits: its owner and team, and which of the four roles may see it. */
  enum Placement {
    OWNED_BY_THE_REP(true, true),
    OWNED_BY_A_TEAMMATE(true, false),
    IN_THE_TEAM_POOL(true, true),
    OWNED_BY_A_TEAMMATE_WITHOUT_TEAM(true, false),
    OWNED_BY_THE_REP_IN_ANOTHER_TEAM(true, true),
    IN_ANOTHER_TEAMS_POOL(false, false),
    OWNED_IN_ANOTHER_TEAM(false, false),
    WITH_NEITHER_OWNER_NOR_TEAM(true, false);

    final boolean managerSees;
    final boolean repSees;

    Placement(boolean managerSees, boolean repSees) {
      this.managerSees = managerSees;
      this.repSees = repSees;
    }

    boolean seenBy(Role role) {
      return switch (role) {
        case ADMIN, MARKETING -> true;
        case SALES_MANAGER -> managerSees;
        case SALES_REP -> repSees;
      };
    }
  }

  String place(Placement placement) {
    UUID owner = switch (placement) {
      case OWNED_BY_THE_REP, OWNED_BY_THE_REP_IN_ANOTHER_TEAM -> rep.id();
      case OWNED_BY_A_TEAMMATE, OWNED_BY_A_TEAMMATE_WITHOUT_TEAM -> teammate.id();
      case OWNED_IN_ANOTHER_TEAM -> otherTeamRep.id();
      default -> null;
    };
    UUID team = switch (placement) {
      case OWNED_BY_THE_REP, OWNED_BY_A_TEAMMATE, IN_THE_TEAM_POOL -> teamA;
      case OWNED_BY_THE_REP_IN_ANOTHER_TEAM, IN_ANOTHER_TEAMS_POOL, OWNED_IN_ANOTHER_TEAM -> teamB;
      default -> null;
    };
    var body = new java.util.LinkedHashMap<String, Object>();
    body.put("lastName", placement.name());
    body.put("tags", List.of(placementTag));
    if (owner != null) {
      body.put("ownerId", owner.toString());
    }
    if (team != null) {
      body.put("teamId", team.toString());
    }
    return api.createLead(admin.token(), body);
  }

  Stream<Arguments> placementsAndViewers() {
    List<Arguments> args = new ArrayList<>();
    for (Placement p : Placement.values()) {
      for (Role r : Role.values()) {
        args.add(Arguments.of(p, r, p.seenBy(r)));
      }
    }
    return args.stream();
  }

  User viewer(Role role) {
    return switch (role) {
      case ADMIN -> admin;
      case MARKETING -> marketing;
      case SALES_MANAGER -> manager;
      case SALES_REP -> rep;
    };
  }

  @ParameterizedTest(name = "lead {0}, seen by {1}: {2}")
  @MethodSource("placementsAndViewers")
  void leadIsVisibleExactlyToTheRolesThatMaySeeIt(Placement placement, Role role, boolean visible) {
    String id = place(placement);
    String token = viewer(role).token();

    assertThat(api.get("/api/v1/leads/" + id, token).status()).isEqualTo(visible ? 200 : 404);
    var listed = api.get("/api/v1/leads?limit=500&tag=" + placementTag, token)
        .json().get("items").valueStream().map(n -> n.get("id").asString()).toList();
    if (visible) {
      assertThat(listed).contains(id);
    } else {
      assertThat(listed).doesNotContain(id);
    }
  }

  Stream<Arguments> hiddenLeadsAndTheirViewers() {
    return placementsAndViewers().filter(a -> !(boolean) a.get()[2]).map(a -> Arguments.of(a.get()[0], a.get()[1]));
  }

  @ParameterizedTest(name = "lead {0} hidden from {1}")
  @MethodSource("hiddenLeadsAndTheirViewers")
  void hiddenLeadAnswers404OnEveryLeadEndpointAndStaysUnchanged(Placement placement, Role role) {
    String id = place(placement);
    String path = "/api/v1/leads/" + id;
    String token = viewer(role).token();
    var before = api.lead(id, admin.token());

    List<Response> answers = List.of(
        api.get(path, token),
        api.patch(path, token, Map.of("title", "Hijacked")),
        api.post(path + "/status", token, Map.of("status", "DEAD", "reason", "no_budget")),
        api.get(path + "/history", token),
        api.get(path + "/activities", token),
        api.post(path + "/activities", token, Map.of("kind", "NOTE", "subject", "peek")),
        api.get(path + "/timeline", token),
        api.post(path + "/convert", token, Map.of()),
        api.get(path + "/qualification", token),
        api.request("PUT", path + "/qualification", token, "{\"checked\": []}", "application/json"));
    assertThat(answers).allSatisfy(r -> {
      assertThat(r.status()).as(r.body()).isEqualTo(404);
      assertThat(r.json().get("type").asString()).endsWith("/not-found");
    });
    // Deleting, restoring and mass updates are refused to reps whatever the lead, so the answer tells nothing.
    int curatorOnly = role == Role.SALES_REP ? 403 : 404;
    assertThat(api.delete(path, token).status()).isEqualTo(curatorOnly);
    assertThat(api.post(path + "/restore", token, null).status()).isEqualTo(curatorOnly);
    var mass = api.post("/api/v1/leads/mass-update", token, Map.of("ids", List.of(id), "set", Map.of("rating", "HOT")));
    if (role == Role.SALES_REP) {
      assertThat(mass.status()).isEqualTo(403);
    } else {
      assertThat(mass.json().get("updated").asInt()).isZero();
      assertThat(mass.json().get("failed").get(0).get("status").asInt()).isEqualTo(404);
    }

    assertThat(api.lead(id, admin.token())).isEqualTo(before);
  }

  @Test
  void repCannotGiveALeadToSomeoneElse() {
    var created = api.post("/api/v1/leads", rep.token(), Map.of("lastName", "Handoff", "ownerId", teammate.id().toString()));
    assertThat(created.status()).isEqualTo(403);

    String id = api.createLead(rep.token(), Map.of("lastName", "Mine"));
    var before = api.lead(id, rep.token());
    assertThat(before.get("ownerId").asString()).isEqualTo(rep.id().toString());

    var patched = api.patch("/api/v1/leads/" + id, rep.token(), Map.of("ownerId", teammate.id().toString()));
    assertThat(patched.status()).isEqualTo(403);
    assertThat(api.lead(id, rep.token())).isEqualTo(before);

    var byManager = api.patch("/api/v1/leads/" + id, manager.token(), Map.of("ownerId", teammate.id().toString()));
    assertThat(byManager.status()).isEqualTo(200);
    assertThat(byManager.json().get("ownerId").asString()).isEqualTo(teammate.id().toString());
  }
}
