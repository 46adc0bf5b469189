package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sarnakh.lead.LeadStatus.ASSIGNED;
import static org.sarnakh.lead.LeadStatus.CONVERTED;
import static org.sarnakh.lead.LeadStatus.DEAD;
import static org.sarnakh.lead.LeadStatus.IN_PROCESS;
import static org.sarnakh.lead.LeadStatus.NEW;
import static org.sarnakh.lead.LeadStatus.RECYCLED;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;

/** The status table of PRODUCT.md §4, written out again here and checked against the aggregate. */
class LeadStatusTest {

  static final Instant NOW = Instant.parse("2026-11-23T08:15:00Z");
  static final UUID OWNER = UUID.fromString("00000000-0000-0000-0000-000000000001");

  /** PRODUCT.md §4: what the status endpoint may do; NEW→ASSIGNED happens by setting an owner, CONVERTED by converting. */
  static final Map<LeadStatus, Set<LeadStatus>> TABLE = Map.of(
      NEW, EnumSet.of(IN_PROCESS, DEAD),
      ASSIGNED, EnumSet.of(IN_PROCESS, DEAD, RECYCLED),
      IN_PROCESS, EnumSet.of(DEAD, RECYCLED),
      RECYCLED, EnumSet.of(ASSIGNED, IN_PROCESS, DEAD),
      DEAD, EnumSet.of(RECYCLED),
      CONVERTED, EnumSet.noneOf(LeadStatus.class));

  /** A lead in the given status, with an owner unless it is NEW. */
  static Lead aLead(LeadStatus status) {
    Map<LeadField, Object> values = new EnumMap<>(LeadField.class);
    values.put(LeadField.LAST_NAME, "Moore");
    if (status != NEW) {
      values.put(LeadField.OWNER_ID, OWNER);
    }
    return new Lead(LeadId.random(), 3, values, status, status == DEAD ? "no_budget" : null, LifecycleStage.LEAD,
        Consent.UNKNOWN, LeadScore.ZERO, NOW, NOW, null, null, null);
  }

  static Stream<Arguments> everyPair() {
    return Stream.of(LeadStatus.values()).flatMap(from -> Stream.of(LeadStatus.values())
        .map(to -> Arguments.of(from, to, TABLE.get(from).contains(to))));
  }

  @ParameterizedTest(name = "{0} → {1}: {2}")
  @MethodSource("everyPair")
  void directMovesAreThoseOfTheTable(LeadStatus from, LeadStatus to, boolean allowed) {
    assertThat(from.directMoves().contains(to)).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0} → {1}: {2}")
  @MethodSource("everyPair")
  void changeStatusMovesExactlyAsTheTableSays(LeadStatus from, LeadStatus to, boolean allowed) {
    Lead lead = aLead(from);
    Instant later = NOW.plusSeconds(60);

    if (allowed) {
      lead.changeStatus(to, "no_budget", later);
      assertThat(lead.status()).isEqualTo(to);
      assertThat(lead.updatedAt()).isEqualTo(later);
    } else {
      assertThatThrownBy(() -> lead.changeStatus(to, "no_budget", later)).isInstanceOf(IllegalLeadTransition.class)
          .isInstanceOf(DomainConflict.class);
      assertThat(lead.status()).isEqualTo(from);
      assertThat(lead.updatedAt()).isEqualTo(NOW);
    }
  }

  @Test
  void deadLeadRequiresAReason() {
    Lead lead = aLead(IN_PROCESS);
    assertThatThrownBy(() -> lead.changeStatus(DEAD, " ", NOW)).isInstanceOf(InvalidInput.class)
        .satisfies(e -> assertThat(((InvalidInput) e).problems().get(0).field()).isEqualTo("reason"));
    assertThat(lead.status()).isEqualTo(IN_PROCESS);
    assertThat(lead.deadReason()).isNull();
  }

  @Test
  void deadLeadKeepsItsReason() {
    Lead lead = aLead(ASSIGNED);
    lead.changeStatus(DEAD, " no_budget ", NOW);
    assertThat(lead.deadReason()).isEqualTo("no_budget");
  }

  @Test
  void newLeadBecomesAssignedWhenAnOwnerIsSetNotThroughTheStatusEndpoint() {
    Lead lead = aLead(NEW);
    assertThatThrownBy(() -> lead.changeStatus(ASSIGNED, null, NOW)).isInstanceOf(IllegalLeadTransition.class);

    lead.edit(new LeadInput.Parsed(Map.of(LeadField.OWNER_ID, OWNER), null, null), NOW);

    assertThat(lead.status()).isEqualTo(ASSIGNED);
  }

  @Test
  void recycledLeadWithoutOwnerCannotBecomeAssigned() {
    Lead lead = aLead(RECYCLED);
    Map<LeadField, Object> clearOwner = new EnumMap<>(LeadField.class);
    clearOwner.put(LeadField.OWNER_ID, null);
    lead.edit(new LeadInput.Parsed(clearOwner, null, null), NOW);
    assertThatThrownBy(() -> lead.changeStatus(ASSIGNED, null, NOW)).isInstanceOf(IllegalLeadTransition.class);
    assertThat(lead.status()).isEqualTo(RECYCLED);
  }

  @Test
  void convertedLeadIsReadOnly() {
    Lead lead = aLead(CONVERTED);
    assertThatThrownBy(() -> lead.edit(new LeadInput.Parsed(Map.of(LeadField.TITLE, "CEO"), null, null), NOW))
        .isInstanceOf(DomainConflict.class);
    assertThat(lead.get(LeadField.TITLE)).isNull();
  }
}
