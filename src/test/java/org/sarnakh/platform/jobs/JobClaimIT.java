package org.sarnakh.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sarnakh.platform.db.Tables.JOB;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** A job whose runner stalled is taken over; the stalled runner, waking up, stops without writing over it. */
@IntegrationTest
@Import(JobClaimIT.TwoSteps.class)
class JobClaimIT {

  static final CountDownLatch FIRST_STEP = new CountDownLatch(1);
  static final CountDownLatch RELEASE = new CountDownLatch(1);

  @TestConfiguration(proxyBeanMethods = false)
  static class TwoSteps {
    @Bean
    JobHandler twoSteps() {
      return new JobHandler() {
        @Override
        public String kind() {
          return "test-two-steps";
        }

        @Override
        public void run(JobRun run) {
          if (run.checkpoint() == null) {
            run.progress(1, 0, "first");
            FIRST_STEP.countDown();
            try {
              RELEASE.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
          run.progress(1, 0, "second");
        }
      };
    }
  }

  @Autowired
  Jobs jobs;

  @Autowired
  JobWorker worker;

  @Autowired
  DSLContext db;

  @Autowired
  MutableClock clock;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void aStalledRunnerThatLostItsClaimStopsAndTheNewRunnerFinishes() throws Exception {
    UUID id = db.transactionResult(c -> jobs.submit("test-two-steps", "{}", null));
    assertThat(FIRST_STEP.await(30, TimeUnit.SECONDS)).as("the worker started the job").isTrue();

    clock.set(clock.instant().plus(JobWorker.STALE).plus(Duration.ofSeconds(1)));
    var taken = worker.claim();
    assertThat(taken).isNotNull();
    assertThat(taken.getId()).isEqualTo(id);

    RELEASE.countDown();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(db.selectFrom(JOB).where(JOB.ID.eq(id)).fetchSingle().getCheckpoint()).isEqualTo("first"));
    // The old runner's second write found the job claimed by someone else: nothing changed, nothing failed.
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      var row = db.selectFrom(JOB).where(JOB.ID.eq(id)).fetchSingle();
      assertThat(row.getStatus()).isEqualTo(Jobs.RUNNING);
      assertThat(row.getProcessed()).isEqualTo(1);
    });

    worker.run(taken);

    var done = db.selectFrom(JOB).where(JOB.ID.eq(id)).fetchSingle();
    assertThat(done.getStatus()).isEqualTo(Jobs.COMPLETED);
    assertThat(done.getCheckpoint()).isEqualTo("second");
    assertThat(done.getProcessed()).isEqualTo(2);
  }
}
