package org.sarnakh.conversion;

/** What kind of value a lead field holds or a record field takes, for checking a mapping before it is saved. */
public enum ValueType {
  TEXT, EMAIL, PHONE, WEBSITE, CODE, MONEY, CAMPAIGN, COUNTRY, INTEGER, NUMBER, BOOLEAN, DATE, TAGS;

  /** Kinds whose values read as plain text, so a text field can take them. */
  boolean readsAsText() {
    return this != MONEY && this != CAMPAIGN && this != TAGS;
  }
}
