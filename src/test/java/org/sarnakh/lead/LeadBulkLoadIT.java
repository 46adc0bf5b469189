package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class LeadBulkLoadIT {

  @Autowired
  LeadBulkLoad bulk;

  @Autowired
  LeadQueries queries;

  @Autowired
  TestUsers users;

  @Autowired
  org.sarnakh.identity.UserDirectory directory;

  @Test
  void bulkLoadedLeadsReadBackExactlyWithTheirTagsAndCreationEntry() {
    var admin = users.create(Role.ADMIN);
    Map<LeadField, @Nullable Object> v = new EnumMap<>(LeadField.class);
    v.put(LeadField.FIRST_NAME, "نرگس \"ناز\"");
    v.put(LeadField.LAST_NAME, "O'Brien, Jr.");
    v.put(LeadField.DESCRIPTION, "line one\nline two, with \"quotes\"\r\nand a tab\tend");
    v.put(LeadField.EMAIL, "narges@example.com");
    v.put(LeadField.MOBILE, "+989121234567");
    v.put(LeadField.OPPORTUNITY_AMOUNT, Money.of("1500000.5", "IRR", "opportunityAmount"));
    v.put(LeadField.COMPANY_SIZE, 42);
    v.put(LeadField.TAGS, List.of("expo", "vip, gold"));
    v.put(LeadField.CUSTOM_FIELDS, Map.of("favouriteColour", "سبز"));
    Instant at = Instant.parse("2026-03-01T10:15:30.123Z");
    Lead lead = LeadBulkLoad.build(new LeadInput.Parsed(v, Consent.Status.GRANTED, "expo stand"), at, admin.id());
    Lead empty = LeadBulkLoad.build(new LeadInput.Parsed(Map.of(LeadField.LAST_NAME, "Solo"), null, null),
        at.plus(1, ChronoUnit.SECONDS), admin.id());

    bulk.insert(List.of(lead, empty), new Actor(admin.id(), "Bulk test", Actor.Channel.IMPORT));

    var viewer = directory.current(admin.id()).orElseThrow();
    Lead back = queries.get(lead.id(), viewer);
    assertThat(back.values()).isEqualTo(lead.values());
    assertThat(back.createdAt()).isEqualTo(at);
    assertThat(back.consent().status()).isEqualTo(Consent.Status.GRANTED);
    assertThat(back.consent().source()).isEqualTo("expo stand");
    assertThat(back.tags()).containsExactly("expo", "vip, gold");
    assertThat(queries.get(empty.id(), viewer).values()).containsOnlyKeys(LeadField.LAST_NAME);
    assertThat(queries.history(lead.id(), viewer, 10, null)).singleElement()
        .satisfies(h -> {
          assertThat(h.field()).isEqualTo("created");
          assertThat(h.via()).isEqualTo("IMPORT");
          assertThat(h.actorName()).isEqualTo("Bulk test");
        });
    var found = queries.list(LeadQuery.parse(Map.of("q", List.of("نرگس ناز"))), viewer).items();
    assertThat(found).extracting(Lead::id).contains(lead.id());
  }
}
