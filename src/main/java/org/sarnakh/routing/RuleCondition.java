package org.sarnakh.routing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.Money;
import org.sarnakh.platform.text.TextKeys;

/**
 * One condition of a routing rule on a lead field or the score: {@code in}/{@code notIn} a list of
 * values (text compared as search keys, so Persian and Arabic spellings and case match), or
 * {@code gte}/{@code lte}/{@code between} for numbers. A lead without the field matches only
 * {@code notIn}.
 */
public record RuleCondition(String field, Op op, List<String> values) {

  public enum Op { IN, NOT_IN, GTE, LTE, BETWEEN }

  /** Text fields a condition may name, besides {@code customFields.<name>}. */
  public static final Map<String, LeadField> TEXT_FIELDS = Map.of("address.country", LeadField.COUNTRY,
      "address.city", LeadField.CITY, "address.state", LeadField.STATE, "industry", LeadField.INDUSTRY,
      "subIndustry", LeadField.SUB_INDUSTRY, "leadSource", LeadField.LEAD_SOURCE, "rating", LeadField.RATING);

  /** Number fields; {@code score} is the lead's total score. */
  public static final List<String> NUMBER_FIELDS = List.of("companySize", "opportunityAmount", "annualRevenue", "score");

  /** Other fields: the lifecycle stage and the tags (any of the values). */
  public static final List<String> OTHER_FIELDS = List.of("lifecycleStage", "tags");

  public static final String CUSTOM_PREFIX = "customFields.";

  public RuleCondition {
    values = List.copyOf(values);
  }

  public boolean numeric() {
    return NUMBER_FIELDS.contains(field);
  }

  public boolean matches(Lead lead) {
    if (numeric()) {
      BigDecimal v = number(lead);
      if (v == null) {
        return op == Op.NOT_IN;
      }
      return switch (op) {
        case IN -> values.stream().anyMatch(x -> new BigDecimal(x).compareTo(v) == 0);
        case NOT_IN -> values.stream().noneMatch(x -> new BigDecimal(x).compareTo(v) == 0);
        case GTE -> v.compareTo(new BigDecimal(values.get(0))) >= 0;
        case LTE -> v.compareTo(new BigDecimal(values.get(0))) <= 0;
        case BETWEEN -> v.compareTo(new BigDecimal(values.get(0))) >= 0 && v.compareTo(new BigDecimal(values.get(1))) <= 0;
      };
    }
    List<String> have = texts(lead).stream().filter(Objects::nonNull).map(TextKeys::searchKey).toList();
    boolean any = values.stream().map(TextKeys::searchKey).anyMatch(have::contains);
    return op == Op.NOT_IN ? !any : any;
  }

  private @Nullable BigDecimal number(Lead lead) {
    return switch (field) {
      case "score" -> BigDecimal.valueOf(lead.score().total());
      case "companySize" -> lead.get(LeadField.COMPANY_SIZE) instanceof Number n ? new BigDecimal(n.toString()) : null;
      case "opportunityAmount" -> lead.get(LeadField.OPPORTUNITY_AMOUNT) instanceof Money m ? m.amount() : null;
      case "annualRevenue" -> lead.get(LeadField.ANNUAL_REVENUE) instanceof Money m ? m.amount() : null;
      default -> null;
    };
  }

  private List<@Nullable String> texts(Lead lead) {
    if (field.equals("tags")) {
      return List.copyOf(lead.tags());
    }
    if (field.equals("lifecycleStage")) {
      return List.of(lead.lifecycleStage().name());
    }
    if (field.startsWith(CUSTOM_PREFIX)) {
      Object custom = lead.get(LeadField.CUSTOM_FIELDS);
      Object v = custom instanceof Map<?, ?> m ? m.get(field.substring(CUSTOM_PREFIX.length())) : null;
      return java.util.Collections.singletonList(v == null ? null : String.valueOf(v));
    }
    LeadField f = TEXT_FIELDS.get(field);
    Object v = f == null ? null : lead.get(f);
    return java.util.Collections.singletonList(v == null ? null : String.valueOf(v));
  }
}
