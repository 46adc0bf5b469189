package org.sarnakh.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sarnakh.conversion.FieldMapping.Policy;
import org.sarnakh.conversion.FieldMapping.Rule;

/** Applying a mapping to a lead's values, and which sources a target refuses. */
class FieldMappingTest {

  static final MappingField EMAIL = new MappingField("email", ValueType.EMAIL, 254, null);
  static final MappingField LONG_TEXT = new MappingField("description", ValueType.TEXT, 32000, null);
  static final MappingField SHORT_TEXT = new MappingField("customFields.code", ValueType.TEXT, 20, null);
  static final MappingField MONEY = new MappingField("opportunityAmount", ValueType.MONEY, 64, null);
  static final MappingField SOURCE_CODE = new MappingField("leadSource", ValueType.CODE, 50, "lead_source");

  @Test
  void valuesGoWhereTheRulesSendThemNestedByPath() {
    FieldMapping m = new FieldMapping(List.of(new Rule("phone", "contact.phone"), new Rule("phone", "account.phone"),
        new Rule("address.city", "contact.address.city"), new Rule("opportunityAmount", "opportunity.amount")), Map.of());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("phone", "+982112345678");
    values.put("address.city", "شیراز");
    values.put("opportunityAmount", Map.of("amount", "10", "currency", "IRR"));

    var applied = m.apply(values);

    assertThat(applied.of("contact")).containsEntry("phone", "+982112345678")
        .containsEntry("address", Map.of("city", "شیراز"));
    assertThat(applied.of("account")).containsEntry("phone", "+982112345678");
    assertThat(applied.of("opportunity")).containsEntry("amount", Map.of("amount", "10", "currency", "IRR"));
    assertThat(applied.notes()).isEmpty();
    assertThat(applied.refused()).isEmpty();
  }

  @Test
  void aValueNoRuleTakesIsANoteUnlessItsFieldRefuses() {
    FieldMapping m = new FieldMapping(List.of(), Map.of("customFields.secret", Policy.REFUSE));

    var applied = m.apply(Map.of("rating", "HOT", "tags", List.of("vip", "expo"), "customFields.secret", "42"));

    assertThat(applied.notes()).containsExactlyInAnyOrder("rating: HOT", "tags: vip, expo");
    assertThat(applied.refused()).containsExactly("customFields.secret");
    assertThat(applied.records()).isEmpty();
  }

  @Test
  void typedValuesGoIntoCustomFieldsAsText() {
    FieldMapping m = new FieldMapping(List.of(new Rule("companySize", "account.customFields.staff"),
        new Rule("opportunityAmount", "opportunity.customFields.estimate")), Map.of());

    var applied = m.apply(Map.of("companySize", 40, "opportunityAmount", Map.of("amount", "9", "currency", "EUR")));

    assertThat(applied.of("account")).containsEntry("customFields", Map.of("staff", "40"));
    assertThat(applied.of("opportunity")).containsEntry("customFields", Map.of("estimate", "9 EUR"));
  }

  @Test
  void targetsRefuseSourcesOfAnotherTypeOrLongerText() {
    MappingField phone = new MappingField("contact.phone", ValueType.PHONE, 16, null);
    MappingField title = new MappingField("contact.title", ValueType.TEXT, 100, null);
    MappingField amount = new MappingField("opportunity.amount", ValueType.MONEY, 64, null);
    MappingField industry = new MappingField("account.industry", ValueType.CODE, 50, "industry");
    MappingField custom = new MappingField("contact.customFields.note", ValueType.TEXT, 4000, null);

    assertThat(phone.refuses(EMAIL)).contains("contact.phone");
    assertThat(title.refuses(LONG_TEXT)).contains("32000");
    assertThat(title.refuses(SHORT_TEXT)).isNull();
    assertThat(title.refuses(EMAIL)).contains("254");
    assertThat(title.refuses(MONEY)).contains("money");
    assertThat(amount.refuses(SHORT_TEXT)).contains("opportunity.amount");
    assertThat(amount.refuses(MONEY)).isNull();
    assertThat(industry.refuses(SOURCE_CODE)).contains("lead_source");
    assertThat(custom.refuses(MONEY)).isNull();
    assertThat(custom.refuses(LONG_TEXT)).contains("4000");
  }
}
