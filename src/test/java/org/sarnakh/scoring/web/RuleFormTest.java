package org.sarnakh.scoring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;

class RuleFormTest {

  @Test
  void aFitValueWithACommaStaysOneValueAndPersianDigitsAreNumbers() {
    var form = new LinkedMultiValueMap<String, String>();
    form.add("axis", "FIT");
    form.add("name", "Acme");
    form.add("points", "۲۰");
    form.add("condition.field", "accountName");
    form.add("condition.op", "EQUALS");
    form.add("condition.values", "Acme, Inc.\nبیمه، ایران");

    Map<String, Object> json = RuleForm.json(RuleForm.values(form));

    assertThat(json.get("points")).isEqualTo(20);
    @SuppressWarnings("unchecked")
    Map<String, Object> condition = (Map<String, Object>) json.get("condition");
    assertThat(condition.get("values")).isEqualTo(List.of("Acme, Inc.", "بیمه، ایران"));
    assertThat(json.get("active")).isEqualTo(false);
  }

  @Test
  void eventTypesTickedTogetherBecomeAList() {
    var form = new LinkedMultiValueMap<String, String>();
    form.add("axis", "ENGAGEMENT");
    form.add("condition.eventTypes", "PAGE_VIEW");
    form.add("condition.eventTypes", "EMAIL_CLICK");
    form.add("active", "true");

    Map<String, Object> json = RuleForm.json(RuleForm.values(form));

    @SuppressWarnings("unchecked")
    Map<String, Object> condition = (Map<String, Object>) json.get("condition");
    assertThat(condition.get("eventTypes")).isEqualTo(List.of("PAGE_VIEW", "EMAIL_CLICK"));
    assertThat(json.get("active")).isEqualTo(true);
  }
}
