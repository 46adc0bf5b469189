package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.sarnakh.platform.DomainConflict;

/** Which leads may convert (PRODUCT.md §4) and what converting does to the aggregate. */
class LeadConversionRulesTest {

  static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

  static Lead aLead(LeadStatus status, LifecycleStage stage) {
    return new Lead(LeadId.random(), 2, Map.of(LeadField.LAST_NAME, "Karimi"), status,
        status == LeadStatus.DEAD ? "no_budget" : null, stage, Consent.UNKNOWN, LeadScore.ZERO, NOW, NOW, null, null,
        null);
  }

  @ParameterizedTest
  @EnumSource(value = LeadStatus.class, names = {"NEW", "ASSIGNED", "IN_PROCESS", "RECYCLED"})
  void openLeadsConvertAndBecomeReadOnly(LeadStatus status) {
    Lead lead = aLead(status, LifecycleStage.MQL);

    lead.markConverted(LifecycleStage.OPPORTUNITY, NOW);

    assertThat(lead.status()).isEqualTo(LeadStatus.CONVERTED);
    assertThat(lead.lifecycleStage()).isEqualTo(LifecycleStage.OPPORTUNITY);
    assertThat(lead.convertedAt()).isEqualTo(NOW);
    assertThatThrownBy(() -> lead.changeStatus(LeadStatus.IN_PROCESS, null, NOW)).isInstanceOf(DomainConflict.class);
  }

  @Test
  void convertedAndDeadLeadsDoNotConvertAndStayAsTheyWere() {
    Lead converted = aLead(LeadStatus.CONVERTED, LifecycleStage.OPPORTUNITY);
    Lead dead = aLead(LeadStatus.DEAD, LifecycleStage.LEAD);

    assertThatThrownBy(() -> converted.markConverted(LifecycleStage.SQL, NOW)).isInstanceOf(DomainConflict.class)
        .extracting(e -> ((DomainConflict) e).type()).isEqualTo("lead-already-converted");
    assertThatThrownBy(() -> dead.markConverted(LifecycleStage.SQL, NOW))
        .extracting(e -> ((DomainConflict) e).type()).isEqualTo("lead-dead");
    assertThat(dead.status()).isEqualTo(LeadStatus.DEAD);
    assertThat(dead.convertedAt()).isNull();
  }

  @Test
  void deletedLeadMustBeRestoredBeforeItConverts() {
    Lead lead = aLead(LeadStatus.IN_PROCESS, LifecycleStage.LEAD);
    lead.softDelete(NOW);

    assertThatThrownBy(lead::requireConvertible).extracting(e -> ((DomainConflict) e).type()).isEqualTo("lead-deleted");
    assertThat(lead.status()).isEqualTo(LeadStatus.IN_PROCESS);
  }

  @Test
  void conversionNeverMovesALeadBackInTheFunnel() {
    Lead customer = aLead(LeadStatus.ASSIGNED, LifecycleStage.CUSTOMER);

    customer.markConverted(LifecycleStage.SQL, NOW);

    assertThat(customer.lifecycleStage()).isEqualTo(LifecycleStage.CUSTOMER);
  }
}
