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

  /** The score's columns, read after the lead's. */
  static final java.util.List<TableField<org.sarnakh.platform.db.tables.records.LeadScoreRecord, Integer>> SCORE =
      java.util.List.of(org.sarnakh.platform.db.Tables.LEAD_SCORE.FIT, org.sarnakh.platform.db.Tables.LEAD_SCORE.ENGAGEMENT,
          org.sarnakh.platform.db.Tables.LEAD_SCORE.TOTAL);

  /** Each column's position in {@code LEAD.fields()} and then {@link #SCORE}, so rows are read by index rather than by field lookup. */
  private static final Map<org.jooq.Field<?>, Integer> POSITION = new java.util.IdentityHashMap<>();

  static {
    org.jooq.Field<?>[] fields = LEAD.fields();
    for (int i = 0; i < fields.length; i++) {
      POSITION.put(fields[i], i);
    }
    for (int i = 0; i < SCORE.size(); i++) {
      POSITION.put(SCORE.get(i), fields.length + i);
    }
  }

  /** A row with all of {@code LEAD}'s columns in their order, then the score's, read by position. */
  @FunctionalInterface
  interface Row {
    @org.jspecify.annotations.Nullable Object at(int position);

    @SuppressWarnings("unchecked")
    default <T> T get(TableField<LeadRecord, T> column) {
      return (T) at(POSITION.get(column).intValue());
    }

    default int score(TableField<org.sarnakh.platform.db.tables.records.LeadScoreRecord, Integer> column) {
      Object v = at(POSITION.get(column).intValue());
      return v == null ? 0 : ((Number) v).intValue();
    }
  }

  /** A jOOQ record of {@code Leads.COLUMNS}: all of {@code LEAD}'s fields, then the score's. */
  static Row of(org.jooq.Record r) {
    return r::get;
  }

  /**
   * The current row of a result set of {@code select *}-like shape, copied out with the JDBC getter
   * of each column's type. A list page maps 50 rows of 55 columns; going through jOOQ's record
   * machinery (field look-ups, converters, its own timestamp parser) was a quarter of the request.
   */
  static Row of(java.sql.ResultSet rs) throws java.sql.SQLException {
    org.jooq.Field<?>[] fields = LEAD.fields();
    Object[] values = new Object[fields.length + SCORE.size()];
    for (int i = 0; i < fields.length; i++) {
      Class<?> type = fields[i].getType();
      int c = i + 1;
      Object v;
      if (type == String.class) {
        v = rs.getString(c);
      } else if (type == java.util.UUID.class) {
        v = rs.getObject(c, java.util.UUID.class);
      } else if (type == java.time.Instant.class) {
        java.time.OffsetDateTime t = rs.getObject(c, java.time.OffsetDateTime.class);
        v = t == null ? null : t.toInstant();
      } else if (type == Integer.class) {
        int n = rs.getInt(c);
        v = rs.wasNull() ? null : n;
      } else if (type == Long.class) {
        long n = rs.getLong(c);
        v = rs.wasNull() ? null : n;
      } else if (type == java.math.BigDecimal.class) {
        v = rs.getBigDecimal(c);
      } else {
        v = rs.getObject(c, type);
      }
      values[i] = v;
    }
    for (int i = 0; i < SCORE.size(); i++) {
      values[fields.length + i] = rs.getInt(fields.length + i + 1);
    }
    return p -> values[p];
  }

  private LeadColumns() {}
}
