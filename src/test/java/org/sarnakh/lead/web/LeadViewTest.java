package org.sarnakh.lead.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sarnakh.lead.Consent;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadScore;
import org.sarnakh.lead.LeadStatus;
import org.sarnakh.lead.LifecycleStage;
import org.sarnakh.lead.Money;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LeadViewTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void writesEveryFieldOnceWithGroupsTogetherAndEmptyValuesAsNullOrEmpty() {
    UUID owner = UUID.randomUUID();
    Lead lead = new Lead(new LeadId(UUID.randomUUID()), 3, Map.of(LeadField.FIRST_NAME, "سارا",
        LeadField.STREET, "Valiasr 12", LeadField.CITY, "تهران", LeadField.COUNTRY, "IR", LeadField.TELEGRAM, "@sara",
        LeadField.COMPANY_SIZE, 40, LeadField.OWNER_ID, owner, LeadField.TAGS, List.of("vip", "expo"),
        LeadField.OPPORTUNITY_AMOUNT, Money.of("1500000", "IRR", "opportunityAmount"),
        LeadField.CUSTOM_FIELDS, Map.of("shoeSize", "42")),
        LeadStatus.ASSIGNED, null, LifecycleStage.MQL, Consent.UNKNOWN, new LeadScore(10, 20, 30),
        Instant.parse("2026-11-23T08:15:00Z"), Instant.parse("2026-11-24T08:15:00.5Z"), owner, null, null);

    String text = JSON.writeValueAsString(LeadView.of(lead));
    JsonNode json = JSON.readTree(text);

    assertThat(text.split("\"address\"", -1)).as("one address object").hasSize(2);
    assertThat(text.split("\"socials\"", -1)).as("one socials object").hasSize(2);
    assertThat(json.get("address").get("street").asString()).isEqualTo("Valiasr 12");
    assertThat(json.get("address").get("city").asString()).isEqualTo("تهران");
    assertThat(json.get("address").get("country").asString()).isEqualTo("IR");
    assertThat(json.get("address").get("postalCode").isNull()).isTrue();
    assertThat(json.get("socials").get("telegram").asString()).isEqualTo("@sara");
    assertThat(json.get("socials").get("linkedin").isNull()).isTrue();
    assertThat(json.get("firstName").asString()).isEqualTo("سارا");
    assertThat(json.get("lastName").isNull()).isTrue();
    assertThat(json.get("companySize").asInt()).isEqualTo(40);
    assertThat(json.get("ownerId").asString()).isEqualTo(owner.toString());
    assertThat(json.get("tags").toString()).isEqualTo("[\"vip\",\"expo\"]");
    assertThat(json.get("opportunityAmount").get("amount").asString()).isEqualTo("1500000");
    assertThat(json.get("opportunityAmount").get("currency").asString()).isEqualTo("IRR");
    assertThat(json.get("annualRevenue").isNull()).isTrue();
    assertThat(json.get("customFields").get("shoeSize").asString()).isEqualTo("42");
    assertThat(json.get("score").get("total").asInt()).isEqualTo(30);
    assertThat(json.get("updatedAt").asString()).isEqualTo("2026-11-24T08:15:00.500Z");
    assertThat(json.get("deletedAt").isNull()).isTrue();
    assertThat(json.get("version").asLong()).isEqualTo(3);
  }

  @Test
  void anEmptyLeadHasEmptyTagsAndCustomFields() {
    Lead lead = new Lead(new LeadId(UUID.randomUUID()), 0, Map.of(LeadField.LAST_NAME, "X"), LeadStatus.NEW, null,
        LifecycleStage.LEAD, Consent.UNKNOWN, LeadScore.ZERO, Instant.EPOCH, Instant.EPOCH, null, null, null);

    JsonNode json = JSON.readTree(JSON.writeValueAsString(LeadView.of(lead)));

    assertThat(json.get("tags").isArray()).isTrue();
    assertThat(json.get("tags").size()).isZero();
    assertThat(json.get("customFields").isObject()).isTrue();
    assertThat(json.get("customFields").size()).isZero();
    assertThat(json.get("createdBy").isNull()).isTrue();
  }
}
