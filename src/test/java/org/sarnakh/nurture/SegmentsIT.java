package org.sarnakh.nurture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sarnakh.platform.db.Tables.LEAD;
import static org.sarnakh.platform.db.Tables.LEAD_TAG;
import static org.sarnakh.platform.db.Tables.SEGMENT_MEMBER;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.Api.Response;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.MutableClock;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Segments end to end: a dynamic segment is evaluated over the leads that exist when it is made and
 * then follows every change (fields, tags, events, time passing, bulk writes) without a rebuild;
 * static lists hold what is put in them; definitions are checked; members are listed through the
 * lead list with the caller's visibility.
 */
@IntegrationTest
class SegmentsIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  DSLContext db;

  @Autowired
  SegmentMembership membership;

  @Autowired
  MutableClock clock;

  Api api;
  User marketing;
  String tag;
  final List<String> made = new ArrayList<>();

  @BeforeEach
  void setUp() {
    api = new Api(port);
    marketing = users.create(Role.MARKETING);
    tag = "seg-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Segments are global: remove this test's, so the live work of other tests does not grow with them. */
  @AfterEach
  void cleanUp() {
    clock.reset();
    made.forEach(id -> api.delete("/api/v1/segments/" + id, marketing.token()));
  }

  JsonNode segment(Map<String, Object> body) {
    Response r = api.post("/api/v1/segments", marketing.token(), body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    made.add(r.json().get("id").asString());
    return r.json();
  }

  JsonNode ready(String id) {
    await().atMost(Duration.ofSeconds(20)).until(() -> "READY".equals(get(id).get("state").asString()));
    return get(id);
  }

  JsonNode get(String id) {
    Response r = api.get("/api/v1/segments/" + id, marketing.token());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  Set<String> members(String segment, String token) {
    Response r = api.get("/api/v1/leads?limit=500&segmentId=" + segment, token);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("items").valueStream().map(l -> l.get("id").asString()).collect(Collectors.toSet());
  }

  Set<UUID> stored(String segment) {
    return Set.copyOf(db.select(SEGMENT_MEMBER.LEAD_ID).from(SEGMENT_MEMBER)
        .where(SEGMENT_MEMBER.SEGMENT_ID.eq(UUID.fromString(segment))).fetch(SEGMENT_MEMBER.LEAD_ID));
  }

  String lead(Map<String, Object> body) {
    return api.createLead(marketing.token(), body);
  }

  static Map<String, Object> dynamic(String name, Map<String, Object> definition) {
    return Map.of("name", name, "kind", "DYNAMIC", "definition", definition);
  }

  @Test
  void aNewDynamicSegmentHoldsTheMatchingLeadsThatAlreadyExistAndCountsThem() {
    String hot = lead(Map.of("lastName", "Hot", "tags", List.of(tag), "rating", "HOT"));
    String cold = lead(Map.of("lastName", "Cold", "tags", List.of(tag), "rating", "COLD"));
    lead(Map.of("lastName", "Untagged", "rating", "HOT"));

    JsonNode created = segment(dynamic("hot " + tag, Map.of("match", Map.of("tag", List.of(tag), "rating", "HOT"))));
    assertThat(created.get("jobId").isNull()).isFalse();
    JsonNode s = ready(created.get("id").asString());

    assertThat(s.get("memberCount").asLong()).isEqualTo(1);
    assertThat(members(s.get("id").asString(), marketing.token())).containsExactly(hot).doesNotContain(cold);
    assertThat(s.get("evaluatedAt").isNull()).isFalse();
  }

  @Test
  void membershipFollowsFieldAndTagChangesWithinMomentsAndTheCountStaysExact() {
    String id = segment(dynamic("vip " + tag, Map.of("match", Map.of("tag", tag)))).get("id").asString();
    ready(id);
    String lead = lead(Map.of("lastName", "Joins", "tags", List.of(tag)));

    await().atMost(Duration.ofSeconds(10)).until(() -> stored(id).contains(UUID.fromString(lead)));
    assertThat(get(id).get("memberCount").asLong()).isEqualTo(1);

    Response r = api.patch("/api/v1/leads/" + lead, marketing.token(), Map.of("tags", List.of()));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> stored(id).isEmpty());
    assertThat(get(id).get("memberCount").asLong()).isZero();

    api.patch("/api/v1/leads/" + lead, marketing.token(), Map.of("tags", List.of(tag)));
    await().atMost(Duration.ofSeconds(10)).until(() -> stored(id).contains(UUID.fromString(lead)));
    Response deleted = api.delete("/api/v1/leads/" + lead, marketing.token());
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(10)).until(() -> stored(id).isEmpty());
  }

  @Test
  void aVisitToPricingJoinsTheSegmentAndTheLeadLeavesWhenTheVisitFallsOutOfTheWindow() {
    String id = segment(dynamic("pricing " + tag, Map.of("match", Map.of("tag", tag), "events",
        List.of(Map.of("type", "PAGE_VIEW", "path", "/pricing-" + tag + "*", "withinDays", 7))))).get("id").asString();
    ready(id);
    String lead = lead(Map.of("lastName", "Visitor", "tags", List.of(tag)));
    String other = lead(Map.of("lastName", "Elsewhere", "tags", List.of(tag)));
    event(lead, "/Pricing-" + tag + "/");
    event(other, "/careers-" + tag);

    await().atMost(Duration.ofSeconds(10)).until(() -> stored(id).contains(UUID.fromString(lead)));
    assertThat(stored(id)).containsExactly(UUID.fromString(lead));

    clock.advance(Duration.ofDays(8));
    membership.sweepWindows();
    assertThat(stored(id)).isEmpty();
    clock.reset(); // session tokens expire on the clock
    assertThat(get(id).get("memberCount").asLong()).isZero();
  }

  void event(String lead, String path) {
    Response r = api.post("/api/v1/events", marketing.token(), Map.of("events", List.of(Map.of(
        "eventId", "ev-" + UUID.randomUUID(), "type", "PAGE_VIEW", "leadId", lead, "url", "https://example.org" + path))));
    assertThat(r.json().get("accepted").asInt()).as(r.body()).isEqualTo(1);
  }

  @Test
  void changesWrittenWithoutANoticeAreCaughtUpFromTheFeedOfChangedLeads() {
    String id = segment(dynamic("feed " + tag, Map.of("match", Map.of("tag", tag)))).get("id").asString();
    ready(id);
    membership.catchUp(); // starts the feed here if no pass ran yet
    UUID lead = UUID.fromString(lead(Map.of("lastName", "Tagged elsewhere")));
    membership.drain(); // the notice of its creation is done with
    // As another node or a bulk path would: the tag lands with no in-process notice.
    db.insertInto(LEAD_TAG).set(LEAD_TAG.LEAD_ID, lead).set(LEAD_TAG.TAG, tag).execute();
    db.update(LEAD).set(LEAD.UPDATED_AT, clock.instant()).where(LEAD.ID.eq(lead)).execute();
    assertThat(stored(id)).doesNotContain(lead);

    clock.advance(SegmentMembership.SETTLE.plusSeconds(1));
    membership.catchUp();

    assertThat(stored(id)).containsExactly(lead);
    assertThat(get(id).get("memberCount").asLong()).isEqualTo(1);
  }

  @Autowired
  org.sarnakh.lead.LeadQueries leadQueries;

  @Autowired
  SegmentEvaluation evaluation;

  @Autowired
  org.springframework.transaction.support.TransactionTemplate tx;

  /** A job run as the worker gives it, recording progress. */
  static final class RecordingRun implements org.sarnakh.platform.jobs.JobRun {
    final UUID id;
    final String payload;
    long total;
    long processed;
    final List<String> checkpoints = new ArrayList<>();

    RecordingRun(UUID id, String payload) {
      this.id = id;
      this.payload = payload;
    }

    @Override public UUID id() { return id; }
    @Override public String payload() { return payload; }
    @Override public @org.jspecify.annotations.Nullable UUID createdBy() { return null; }
    @Override public @org.jspecify.annotations.Nullable String checkpoint() { return null; }
    @Override public void total(long total) { this.total = total; }
    @Override public void progress(long processedDelta, long failedDelta, @org.jspecify.annotations.Nullable String checkpoint) {
      processed += processedDelta;
      if (checkpoint != null) {
        checkpoints.add(checkpoint);
      }
    }
    @Override public void result(String json) {}
    @Override public boolean cancelled() { return false; }
  }

  @Test
  void aFullEvaluationInManySmallChunksEndsWithExactlyTheMatchingLeadsAndDropsStrayMembers() {
    List<UUID> tagged = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tagged.add(UUID.fromString(lead(Map.of("lastName", "Chunked " + i, "tags", List.of(tag)))));
    }
    lead(Map.of("lastName", "Not tagged"));
    JsonNode s = segment(dynamic("chunks " + tag, Map.of("match", Map.of("tag", tag))));
    String id = s.get("id").asString();
    ready(id);
    UUID segmentId = UUID.fromString(id);
    db.deleteFrom(SEGMENT_MEMBER).where(SEGMENT_MEMBER.SEGMENT_ID.eq(segmentId)).execute();
    db.insertInto(SEGMENT_MEMBER).set(SEGMENT_MEMBER.SEGMENT_ID, segmentId).set(SEGMENT_MEMBER.LEAD_ID, UUID.randomUUID())
        .set(SEGMENT_MEMBER.ADDED_AT, clock.instant()).execute();
    RecordingRun run = new RecordingRun(UUID.fromString(s.get("jobId").asString()), id);

    new SegmentBuild(db, clock, leadQueries, evaluation, tx, 3).run(run);

    assertThat(stored(id)).containsExactlyInAnyOrderElementsOf(tagged);
    assertThat(get(id).get("memberCount").asLong()).isEqualTo(5);
    assertThat(run.checkpoints.size()).isGreaterThan(1);
    assertThat(run.processed).isEqualTo(run.total);
  }

  @Test
  void aStaticListHoldsWhatIsPutInItAndRefusesADefinition() {
    String a = lead(Map.of("lastName", "Listed A"));
    String b = lead(Map.of("lastName", "Listed B"));
    String id = segment(Map.of("name", "call list " + tag, "kind", "STATIC")).get("id").asString();

    Response add = api.post("/api/v1/segments/" + id + "/members", marketing.token(), Map.of("leadIds", List.of(a, b, a)));
    assertThat(add.json().get("added").asInt()).as(add.body()).isEqualTo(2);
    Response again = api.post("/api/v1/segments/" + id + "/members", marketing.token(), Map.of("leadIds", List.of(a)));
    assertThat(again.json().get("added").asInt()).isZero();
    Response remove = api.post("/api/v1/segments/" + id + "/members/remove", marketing.token(), Map.of("leadIds", List.of(b)));
    assertThat(remove.json().get("removed").asInt()).isEqualTo(1);

    assertThat(members(id, marketing.token())).containsExactly(a);
    assertThat(get(id).get("memberCount").asLong()).isEqualTo(1);

    Response withDefinition = api.post("/api/v1/segments", marketing.token(),
        Map.of("name", "bad " + tag, "kind", "STATIC", "definition", Map.of("match", Map.of())));
    assertThat(withDefinition.status()).isEqualTo(400);
    assertThat(withDefinition.body()).contains("definition");
  }

  @Test
  void addingLeadsByHandToADynamicSegmentIsAConflict() {
    String id = segment(dynamic("auto " + tag, Map.of("match", Map.of("tag", tag)))).get("id").asString();
    String lead = lead(Map.of("lastName", "Manual"));

    Response r = api.post("/api/v1/segments/" + id + "/members", marketing.token(), Map.of("leadIds", List.of(lead)));

    assertThat(r.status()).isEqualTo(409);
    assertThat(stored(id)).doesNotContain(UUID.fromString(lead));
  }

  @Test
  void badDefinitionsAreRefusedFieldByFieldAndNothingIsStored() {
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("match", Map.of("ownerId", "me", "scoreMin", "high"));
    definition.put("events", List.of(Map.of("type", "TELEPATHY", "withinDays", 0), Map.of("type", "PAGE_VIEW",
        "path", "pricing", "withinDays", 7)));
    int before = api.get("/api/v1/segments", marketing.token()).json().get("items").size();

    Response r = api.post("/api/v1/segments", marketing.token(), dynamic("bad " + tag, definition));

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    Response unknown = api.post("/api/v1/segments", marketing.token(),
        dynamic("bad too " + tag, Map.of("match", Map.of("colour", "red"))));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("definition.match.colour");
    assertThat(r.body()).contains("definition.match.ownerId", "definition.match.scoreMin",
        "definition.events[0].type", "definition.events[0].withinDays", "definition.events[1].path");
    assertThat(api.get("/api/v1/segments", marketing.token()).json().get("items").size()).isEqualTo(before);
  }

  @Test
  void aPreviewCountsWithoutStoringAndSaysWhenItMatchesEveryone() {
    lead(Map.of("lastName", "Preview", "tags", List.of(tag)));

    Response r = api.post("/api/v1/segments/preview", marketing.token(),
        Map.of("definition", Map.of("match", Map.of("tag", tag))));
    Response everyone = api.post("/api/v1/segments/preview", marketing.token(), Map.of("definition", Map.of()));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("count").asLong()).isEqualTo(1);
    assertThat(r.json().get("matchesEveryone").asBoolean()).isFalse();
    assertThat(everyone.json().get("matchesEveryone").asBoolean()).isTrue();
    assertThat(everyone.json().get("count").asLong()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void redefiningASegmentEvaluatesItAgainAndAStaleEditorGets412() {
    String hot = lead(Map.of("lastName", "Hot", "tags", List.of(tag), "rating", "HOT"));
    String warm = lead(Map.of("lastName", "Warm", "tags", List.of(tag), "rating", "WARM"));
    JsonNode s = segment(dynamic("temp " + tag, Map.of("match", Map.of("tag", tag, "rating", "HOT"))));
    String id = s.get("id").asString();
    ready(id);

    Response edited = api.patch("/api/v1/segments/" + id, marketing.token(),
        Map.of("definition", Map.of("match", Map.of("tag", tag, "rating", "WARM"))), "If-Match", "\"0\"");
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    ready(id);
    assertThat(stored(id)).containsExactly(UUID.fromString(warm)).doesNotContain(UUID.fromString(hot));

    Response stale = api.patch("/api/v1/segments/" + id, marketing.token(), Map.of("name", "renamed " + tag),
        "If-Match", "\"0\"");
    assertThat(stale.status()).isEqualTo(412);
    assertThat(get(id).get("name").asString()).isEqualTo("temp " + tag);
  }

  @Test
  void repsSeeOnlyTheirOwnMembersAndCannotDefineSegments() {
    User rep = users.create(Role.SALES_REP);
    String mine = lead(Map.of("lastName", "Mine", "tags", List.of(tag), "ownerId", rep.id().toString()));
    lead(Map.of("lastName", "Not mine", "tags", List.of(tag)));
    String id = segment(dynamic("reps " + tag, Map.of("match", Map.of("tag", tag)))).get("id").asString();
    ready(id);

    assertThat(members(id, rep.token())).containsExactly(mine);
    assertThat(members(id, marketing.token())).hasSize(2);
    Response r = api.post("/api/v1/segments", rep.token(), Map.of("name", "rep list " + tag, "kind", "STATIC"));
    assertThat(r.status()).isEqualTo(403);
    Response add = api.post("/api/v1/segments/" + id + "/members", rep.token(), Map.of("leadIds", List.of(mine)));
    assertThat(add.status()).isEqualTo(403);
  }
}
