package org.sarnakh.lead;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every editable field of a lead, by its API name, with its kind and limit. One table drives
 * parsing, storage, views, history and export, so a field added here is handled everywhere.
 */
public enum LeadField {
  FIRST_NAME("firstName", Kind.NAME, 100),
  LAST_NAME("lastName", Kind.NAME, 100),
  SALUTATION("salutation", Kind.TEXT, 20),
  TITLE("title", Kind.TEXT, 100),
  ACCOUNT_NAME("accountName", Kind.TEXT, 200),
  EMAIL("email", Kind.EMAIL, 254),
  PHONE("phone", Kind.PHONE, 40),
  MOBILE("mobile", Kind.PHONE, 40),
  WEBSITE("website", Kind.WEBSITE, 255),
  LEAD_SOURCE("leadSource", Kind.CODE, 50, "lead_source"),
  RATING("rating", Kind.RATING, 10),
  OPPORTUNITY_AMOUNT("opportunityAmount", Kind.MONEY, 0),
  INDUSTRY("industry", Kind.CODE, 50, "industry"),
  SUB_INDUSTRY("subIndustry", Kind.CODE, 50, "sub_industry"),
  REFERRED_BY("referredBy", Kind.TEXT, 200),
  /** The lead's id in the system it came from (a spreadsheet row id, another CRM's key): a duplicate key. */
  EXTERNAL_ID("externalId", Kind.TEXT, 100),
  CAMPAIGN_ID("campaignId", Kind.CAMPAIGN, 0),
  OWNER_ID("ownerId", Kind.USER, 0),
  TEAM_ID("teamId", Kind.TEAM, 0),
  STREET("address.street", Kind.TEXT, 300),
  CITY("address.city", Kind.TEXT, 100),
  STATE("address.state", Kind.TEXT, 100),
  POSTAL_CODE("address.postalCode", Kind.TEXT, 20),
  COUNTRY("address.country", Kind.COUNTRY, 2),
  LINKEDIN("socials.linkedin", Kind.TEXT, 200),
  TWITTER("socials.twitter", Kind.TEXT, 200),
  INSTAGRAM("socials.instagram", Kind.TEXT, 200),
  TELEGRAM("socials.telegram", Kind.TEXT, 200),
  WHATSAPP("socials.whatsapp", Kind.TEXT, 200),
  DESCRIPTION("description", Kind.MULTILINE, 32000),
  COMPANY_SIZE("companySize", Kind.INTEGER, 0),
  ANNUAL_REVENUE("annualRevenue", Kind.MONEY, 0),
  TAGS("tags", Kind.TAGS, 50),
  CUSTOM_FIELDS("customFields", Kind.CUSTOM, 0);

  /** How a field's value is read, checked and stored. */
  public enum Kind { NAME, TEXT, MULTILINE, EMAIL, PHONE, WEBSITE, CODE, RATING, MONEY, CAMPAIGN, USER, TEAM, COUNTRY,
    INTEGER, TAGS, CUSTOM }

  public static final int MAX_TAGS = 50;

  private static final Map<String, LeadField> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(LeadField::apiName, Function.identity()));

  private final String apiName;
  private final Kind kind;
  private final int maxLength;
  private final String codeList;
  private final Optional<String> group;
  private final String leafName;

  LeadField(String apiName, Kind kind, int maxLength) {
    this(apiName, kind, maxLength, "");
  }

  LeadField(String apiName, Kind kind, int maxLength, String codeList) {
    this.apiName = apiName;
    this.kind = kind;
    this.maxLength = maxLength;
    this.codeList = codeList;
    int dot = apiName.indexOf('.');
    this.group = dot < 0 ? Optional.empty() : Optional.of(apiName.substring(0, dot));
    this.leafName = dot < 0 ? apiName : apiName.substring(dot + 1);
  }

  public String apiName() {
    return apiName;
  }

  public Kind kind() {
    return kind;
  }

  public int maxLength() {
    return maxLength;
  }

  /** The admin-managed list a CODE field draws from. */
  public String codeList() {
    return codeList;
  }

  /** The JSON group a dotted field lives in ({@code address}, {@code socials}), or empty. */
  public Optional<String> group() {
    return group;
  }

  public String leafName() {
    return leafName;
  }

  public static Optional<LeadField> byApiName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
