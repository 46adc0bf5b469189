package org.sarnakh.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sarnakh.scoring.internal.ScoreLedger;
import org.sarnakh.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The threshold state of a lead changes only by a crossing or a re-arm, never by a rescore writing back what it read. */
@IntegrationTest
class ScoreLedgerIT {

  @Autowired
  ScoreLedger ledger;

  @Autowired
  TransactionTemplate tx;

  boolean armed(UUID lead) {
    return ledger.states(List.of(lead)).get(lead).armed();
  }

  @Test
  void aLeadCrossesOnceUntilItIsRearmedAndEachCrossingIsCounted() {
    UUID lead = UUID.randomUUID();
    Instant now = Instant.parse("2026-11-30T10:00:00Z");

    var first = tx.execute(s -> ledger.cross(lead, now));
    var again = tx.execute(s -> ledger.cross(lead, now));
    tx.executeWithoutResult(s -> ledger.rearm(List.of(lead)));
    var second = tx.execute(s -> ledger.cross(lead, now.plusSeconds(60)));

    assertThat(first).hasValue(1);
    assertThat(again).isEmpty();
    assertThat(second).hasValue(2);
  }

  @Test
  void storingTheDaysScoresLeavesACrossingThatAnotherRescoreMadeAsItIs() {
    UUID lead = UUID.randomUUID();
    Instant now = Instant.parse("2026-11-30T10:00:00Z");
    // A rescore that read the lead as armed and scored it below the threshold stores after another one crossed.
    tx.executeWithoutResult(s -> ledger.store(List.of(lead), LocalDate.of(2026, 11, 30), Map.of(lead, new int[] {0, 10, 10}), now));
    assertThat(armed(lead)).isTrue();
    tx.execute(s -> ledger.cross(lead, now));

    tx.executeWithoutResult(s -> ledger.store(List.of(lead), LocalDate.of(2026, 11, 30), Map.of(lead, new int[] {0, 45, 45}),
        now.plusSeconds(1)));

    assertThat(armed(lead)).as("still crossed: only a re-arm below the re-arm score arms it").isFalse();
    assertThat(ledger.computedAt(List.of(lead)).get(lead)).isEqualTo(now.plusSeconds(1));
  }
}
