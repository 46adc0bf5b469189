package org.sarnakh.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sarnakh.platform.db.Tables.LEAD;
import static org.sarnakh.platform.db.Tables.LEAD_TAG;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.platform.jobs.Jobs;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.MutableClock;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A run that dies mid-import (its chunk transaction torn down by an {@link Error}, the job left
 * RUNNING with a heartbeat that stops) is claimed again once the heartbeat is stale and resumes
 * after the last committed chunk: every row lands exactly once.
 */
@IntegrationTest
class ImportResumeIT {

  /** What a kill -9 looks like from inside: nothing after it runs, no handler marks the job failed. */
  static final class SimulatedCrash extends Error {
    SimulatedCrash() {
      super("simulated crash in the middle of an import chunk");
    }
  }

  static final int ROWS = 12_000;

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  ImportJob job;

  @Autowired
  Jobs jobs;

  @Autowired
  MutableClock clock;

  @Autowired
  DSLContext db;

  @Autowired
  ImportSettings settings;

  Api api;
  User admin;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    admin = users.create(Role.ADMIN);
  }

  @AfterEach
  void cleanUp() {
    job.hook = null;
    clock.reset();
  }

  /** Three chunks' worth of rows, with a bad row and a repeat of an earlier row past the first chunk. */
  static byte[] file(String tag) {
    StringBuilder csv = new StringBuilder("firstName,lastName,email\n");
    for (int i = 0; i < ROWS; i++) {
      if (i == 5_001) {
        csv.append("Repeat,Of10,r10-").append(tag).append("@example.com\n");
      } else if (i == 7_000) {
        csv.append("Bad,Row,not-an-email\n");
      } else {
        csv.append("Row,R").append(i).append(",r").append(i).append('-').append(tag).append("@example.com\n");
      }
    }
    return Uploads.utf8(csv.toString());
  }

  long leadsTagged(String tag) {
    return db.fetchCount(LEAD.join(LEAD_TAG).on(LEAD_TAG.LEAD_ID.eq(LEAD.ID)), LEAD_TAG.TAG.eq(tag));
  }

  long distinctEmailsTagged(String tag) {
    return db.select(org.jooq.impl.DSL.countDistinct(LEAD.EMAIL)).from(LEAD.join(LEAD_TAG).on(LEAD_TAG.LEAD_ID.eq(LEAD.ID)))
        .where(LEAD_TAG.TAG.eq(tag)).fetchOne().value1();
  }

  @Test
  void aRunThatDiesAfterACommittedChunkIsClaimedAgainAndResumesWithNoRowLostOrDoubled() {
    assertThat(settings.chunkSize()).as("the file spans three chunks").isEqualTo(5000);
    String tag = ImportIT.tag();
    AtomicInteger commits = new AtomicInteger();
    AtomicBoolean crashed = new AtomicBoolean();
    // Test classes run one at a time, so the only import committing chunks now is this one.
    job.hook = (importId, next) -> {
      if (commits.incrementAndGet() == 2 && crashed.compareAndSet(false, true)) {
        throw new SimulatedCrash();
      }
    };
    var r = Uploads.upload(api, admin.token(), file(tag), "resume.csv", Uploads.tagged(tag));
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    UUID id = UUID.fromString(r.json().get("id").asString());
    await().atMost(Duration.ofSeconds(60)).until(crashed::get);

    JsonNode dead = api.get("/api/v1/imports/" + id, admin.token()).json();
    assertThat(dead.get("status").asString()).isEqualTo("RUNNING");
    long committed = dead.get("processed").asLong();
    assertThat(committed).as("exactly the chunk before the crash").isEqualTo(5000);
    assertThat(leadsTagged(tag)).isEqualTo(dead.get("created").asLong()).isEqualTo(5000);

    // The dead runner's heartbeat goes stale; the worker claims the job again and resumes.
    clock.set(Instant.now().plus(Duration.ofMinutes(3)));
    JsonNode done = Uploads.await(api, admin.token(), id.toString());

    assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(done.get("processed").asLong()).isEqualTo(ROWS);
    assertThat(done.get("total").asLong()).isEqualTo(ROWS);
    assertThat(done.get("created").asLong()).isEqualTo(ROWS - 2);
    assertThat(done.get("skipped").asLong()).isEqualTo(1);
    assertThat(done.get("failed").asLong()).isEqualTo(1);
    assertThat(leadsTagged(tag)).isEqualTo(ROWS - 2);
    assertThat(distinctEmailsTagged(tag)).isEqualTo(ROWS - 2);
    List<List<String>> errors = Uploads.errors(api, admin.token(), id.toString());
    assertThat(errors).hasSize(2);
    assertThat(errors.get(1).subList(0, 2)).containsExactly("7002", "email");
  }

  @Test
  void cancellingStopsAfterTheChunkInFlightAndKeepsWhatWasCommitted() {
    String tag = ImportIT.tag();
    AtomicBoolean cancelled = new AtomicBoolean();
    job.hook = (importId, next) -> {
      if (cancelled.compareAndSet(false, true)) {
        // As a user pressing cancel while this chunk commits: the chunk stays, nothing after it runs.
        jobs.cancel(importId);
      }
    };
    var r = Uploads.upload(api, admin.token(), file(tag), "cancel.csv", Uploads.tagged(tag));
    UUID id = UUID.fromString(r.json().get("id").asString());

    JsonNode done = Uploads.await(api, admin.token(), id.toString());

    assertThat(done.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(done.get("processed").asLong()).isEqualTo(5000);
    assertThat(leadsTagged(tag)).isEqualTo(done.get("created").asLong()).isEqualTo(done.get("processed").asLong());
  }
}
