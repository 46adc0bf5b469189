package org.sarnakh.lead.internal;

import static org.sarnakh.platform.db.Tables.LEAD;

import java.util.EnumMap;
import java.util.Map;
import org.jooq.TableField;
import org.sarnakh.lead.LeadField;
import org.sarnakh.platform.db.tables.records.LeadRecord;

/** Which column holds each single-column lead field. Money, tags and custom fields are mapped by hand. */
final class LeadColumns {

  static final Map<LeadField, TableField<LeadRecord, ?>> SIMPLE = new EnumMap<>(LeadField.class);

  static {
    SIMPLE.put(LeadField.FIRST_NAME, LEAD.FIRST_NAME);
    SIMPLE.put(LeadField.LAST_NAME, LEAD.LAST_NAME);
    SIMPLE.put(LeadField.SALUTATION, LEAD.SALUTATION);
    SIMPLE.put(LeadField.TITLE, LEAD.TITLE);
    SIMPLE.put(LeadField.ACCOUNT_NAME, LEAD.ACCOUNT_NAME);
    SIMPLE.put(LeadField.EMAIL, LEAD.EMAIL);
    SIMPLE.put(LeadField.PHONE, LEAD.PHONE);
    SIMPLE.put(LeadField.MOBILE, LEAD.MOBILE);
    SIMPLE.put(LeadField.WEBSITE, LEAD.WEBSITE);
    SIMPLE.put(LeadField.LEAD_SOURCE, LEAD.LEAD_SOURCE);
    SIMPLE.put(LeadField.RATING, LEAD.RATING);
    SIMPLE.put(LeadField.INDUSTRY, LEAD.INDUSTRY);
    SIMPLE.put(LeadField.SUB_INDUSTRY, LEAD.SUB_INDUSTRY);
    SIMPLE.put(LeadField.REFERRED_BY, LEAD.REFERRED_BY);
    SIMPLE.put(LeadField.EXTERNAL_ID, LEAD.EXTERNAL_ID);
    SIMPLE.put(LeadField.CAMPAIGN_ID, LEAD.CAMPAIGN_ID);
    SIMPLE.put(LeadField.OWNER_ID, LEAD.OWNER_ID);
    SIMPLE.put(LeadField.TEAM_ID, LEAD.TEAM_ID);
    SIMPLE.put(LeadField.STREET, LEAD.STREET);
    SIMPLE.put(LeadField.CITY, LEAD.CITY);
    SIMPLE.put(LeadField.STATE, LEAD.STATE);
    SIMPLE.put(LeadField.POSTAL_CODE, LEAD.POSTAL_CODE);
    SIMPLE.put(LeadField.COUNTRY, LEAD.COUNTRY);
    SIMPLE.put(LeadField.LINKEDIN, LEAD.LINKEDIN);
    SIMPLE.put(LeadField.TWITTER, LEAD.TWITTER);
    SIMPLE.put(LeadField.INSTAGRAM, LEAD.INSTAGRAM);
    SIMPLE.put(LeadField.TELEGRAM, LEAD.TELEGRAM);
    SIMPLE.put(LeadField.WHATSAPP, LEAD.WHATSAPP);
    SIMPLE.put(LeadField.DESCRIPTION, LEAD.DESCRIPTION);
    SIMPLE.put(LeadField.COMPANY_SIZE, LEAD.COMPANY_SIZE);
  }

  /** Each column's position in {@code LEAD.fields()}, so rows are read by index rather than by field lookup. */
  private static final Map<org.jooq.Field<?>, Integer> POSITION = new java.util.IdentityHashMap<>();

  static {
    org.jooq.Field<?>[] fields = LEAD.fields();
    for (int i = 0; i < fields.length; i++) {
      POSITION.put(fields[i], i);
    }
  }

  /**
   * The value of a column of a row selected with all of {@code LEAD}'s fields in their order (a
   * {@code LeadRecord}, or {@code select(LEAD.fields())}). Reading a list page maps 50 rows of 50
   * columns: jOOQ's lookup by field made up a tenth of the request's CPU time.
   */
  @SuppressWarnings("unchecked")
  static <T> T get(org.jooq.Record r, TableField<LeadRecord, T> column) {
    return (T) r.get(POSITION.get(column).intValue());
  }

  private LeadColumns() {}
}
