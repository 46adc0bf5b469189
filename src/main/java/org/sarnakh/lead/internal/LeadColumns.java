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

  private LeadColumns() {}
}
