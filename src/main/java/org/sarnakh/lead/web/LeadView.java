package org.sarnakh.lead.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.Money;
import org.sarnakh.platform.ApiTime;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The Lead resource of PRODUCT.md §4 as JSON; every field is present, null when empty (an empty
 * list for tags, an empty object for custom fields). Written straight to the generator with names
 * encoded once: a list page writes 50 leads of about 60 names each, and building a map per lead
 * first was the largest single cost of a list request.
 */
@JsonSerialize(using = LeadView.Writer.class)
record LeadView(Lead lead) {

  static LeadView of(Lead lead) {
    return new LeadView(lead);
  }

  /** A field's JSON names, encoded once: the top-level or group name, and the name inside its group. */
  private record Names(LeadField field, @Nullable SerializableString group, SerializableString name) {}

  private static final Map<String, SerializableString> GROUPS = new java.util.HashMap<>();

  /** One name instance per group, so that the writer sees where a group ends by identity. */
  private static final List<Names> FIELDS = java.util.Arrays.stream(LeadField.values())
      .map(f -> new Names(f, f.group().map(g -> GROUPS.computeIfAbsent(g, SerializedString::new)).orElse(null),
          new SerializedString(f.leafName())))
      .toList();

  private static final SerializableString ID = new SerializedString("id");
  private static final SerializableString VERSION = new SerializedString("version");
  private static final SerializableString STATUS = new SerializedString("status");
  private static final SerializableString DEAD_REASON = new SerializedString("deadReason");
  private static final SerializableString SCORE = new SerializedString("score");
  private static final SerializableString FIT = new SerializedString("fit");
  private static final SerializableString ENGAGEMENT = new SerializedString("engagement");
  private static final SerializableString TOTAL = new SerializedString("total");
  private static final SerializableString LIFECYCLE_STAGE = new SerializedString("lifecycleStage");
  private static final SerializableString CONSENT = new SerializedString("marketingConsent");
  private static final SerializableString SOURCE = new SerializedString("source");
  private static final SerializableString AT = new SerializedString("at");
  private static final SerializableString FIRST_TOUCH = new SerializedString("firstTouch");
  private static final SerializableString LAST_TOUCH = new SerializedString("lastTouch");
  private static final SerializableString MEDIUM = new SerializedString("medium");
  private static final SerializableString CAMPAIGN = new SerializedString("campaign");
  private static final SerializableString CREATED_AT = new SerializedString("createdAt");
  private static final SerializableString UPDATED_AT = new SerializedString("updatedAt");
  private static final SerializableString CREATED_BY = new SerializedString("createdBy");
  private static final SerializableString CONVERTED_AT = new SerializedString("convertedAt");
  private static final SerializableString DELETED_AT = new SerializedString("deletedAt");
  private static final SerializableString AMOUNT = new SerializedString("amount");
  private static final SerializableString CURRENCY = new SerializedString("currency");

  static final class Writer extends ValueSerializer<LeadView> {

    @Override
    public void serialize(LeadView view, JsonGenerator g, SerializationContext ctxt) {
      Lead lead = view.lead();
      g.writeStartObject();
      g.writeName(ID);
      g.writeString(lead.id().value().toString());
      g.writeName(VERSION);
      g.writeNumber(lead.version());
      SerializableString openGroup = null;
      for (Names n : FIELDS) {
        if (openGroup != null && openGroup != n.group()) {
          g.writeEndObject();
          openGroup = null;
        }
        if (n.group() != null && openGroup == null) {
          g.writeName(n.group());
          g.writeStartObject();
          openGroup = n.group();
        }
        g.writeName(n.name());
        value(g, n.field(), lead.get(n.field()));
      }
      if (openGroup != null) {
        g.writeEndObject();
      }
      g.writeName(STATUS);
      g.writeString(lead.status().name());
      g.writeName(DEAD_REASON);
      string(g, lead.deadReason());
      g.writeName(SCORE);
      g.writeStartObject();
      g.writeName(FIT);
      g.writeNumber(lead.score().fit());
      g.writeName(ENGAGEMENT);
      g.writeNumber(lead.score().engagement());
      g.writeName(TOTAL);
      g.writeNumber(lead.score().total());
      g.writeEndObject();
      g.writeName(LIFECYCLE_STAGE);
      g.writeString(lead.lifecycleStage().name());
      g.writeName(CONSENT);
      g.writeStartObject();
      g.writeName(STATUS);
      g.writeString(lead.consent().status().name());
      g.writeName(SOURCE);
      string(g, lead.consent().source());
      g.writeName(AT);
      string(g, ApiTime.format(lead.consent().at()));
      g.writeEndObject();
      g.writeName(FIRST_TOUCH);
      touch(g, lead.attribution().first());
      g.writeName(LAST_TOUCH);
      touch(g, lead.attribution().last());
      g.writeName(CREATED_AT);
      g.writeString(ApiTime.format(lead.createdAt()));
      g.writeName(UPDATED_AT);
      g.writeString(ApiTime.format(lead.updatedAt()));
      g.writeName(CREATED_BY);
      string(g, lead.createdBy() == null ? null : lead.createdBy().toString());
      g.writeName(CONVERTED_AT);
      string(g, ApiTime.format(lead.convertedAt()));
      g.writeName(DELETED_AT);
      string(g, ApiTime.format(lead.deletedAt()));
      g.writeEndObject();
    }

    private static void value(JsonGenerator g, LeadField f, @Nullable Object value) {
      if (value == null) {
        switch (f.kind()) {
          case TAGS -> {
            g.writeStartArray();
            g.writeEndArray();
          }
          case CUSTOM -> {
            g.writeStartObject();
            g.writeEndObject();
          }
          default -> g.writeNull();
        }
        return;
      }
      if (value instanceof Money m) {
        g.writeStartObject();
        g.writeName(AMOUNT);
        g.writeString(m.amountString());
        g.writeName(CURRENCY);
        g.writeString(m.currency().getCurrencyCode());
        g.writeEndObject();
      } else if (value instanceof Integer i) {
        g.writeNumber(i);
      } else if (value instanceof List<?> list) {
        g.writeStartArray();
        for (Object item : list) {
          g.writeString(String.valueOf(item));
        }
        g.writeEndArray();
      } else if (value instanceof Map<?, ?> map) {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          g.writeName(String.valueOf(e.getKey()));
          g.writeString(String.valueOf(e.getValue()));
        }
        g.writeEndObject();
      } else if (value instanceof UUID id) {
        g.writeString(id.toString());
      } else {
        g.writeString(value.toString());
      }
    }

    private static void touch(JsonGenerator g, org.sarnakh.lead.Attribution.@Nullable Touch t) {
      if (t == null) {
        g.writeNull();
        return;
      }
      g.writeStartObject();
      g.writeName(SOURCE);
      string(g, t.source());
      g.writeName(MEDIUM);
      string(g, t.medium());
      g.writeName(CAMPAIGN);
      string(g, t.campaign());
      g.writeName(AT);
      g.writeString(ApiTime.format(t.at()));
      g.writeEndObject();
    }

    private static void string(JsonGenerator g, @Nullable String s) {
      if (s == null) {
        g.writeNull();
      } else {
        g.writeString(s);
      }
    }
  }
}
