package org.sarnakh.lead.internal;

import static org.sarnakh.platform.db.Tables.LEAD;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectLimitPercentStep;
import org.sarnakh.lead.DuplicateKeys;
import org.sarnakh.lead.DuplicateMatch;
import org.sarnakh.lead.DuplicateSource;
import org.sarnakh.platform.KeySet;
import org.sarnakh.lead.Lead;
import org.springframework.stereotype.Component;

/**
 * Leads that share a duplicate key; one indexed query per key column, so both databases use their
 * indexes, for one key or for thousands at once.
 */
@Component
class LeadDuplicates implements DuplicateSource {

  private final DSLContext db;

  LeadDuplicates(DSLContext db) {
    this.db = db;
  }

  @Override
  public List<DuplicateMatch> find(DuplicateKeys keys, int limit) {
    Map<UUID, DuplicateMatch> found = new LinkedHashMap<>();
    if (keys.email() != null) {
      collect(LEAD.EMAIL_KEY.eq(keys.email()), "email", limit, found);
    }
    if (!keys.phones().isEmpty()) {
      collect(LEAD.PHONE.in(keys.phones()), "phone", limit, found);
      collect(LEAD.MOBILE.in(keys.phones()), "phone", limit, found);
    }
    if (keys.externalId() != null) {
      collect(LEAD.EXTERNAL_ID.eq(keys.externalId()), "externalId", limit, found);
    }
    List<DuplicateMatch> matches = new ArrayList<>(found.values());
    return matches.size() > limit ? matches.subList(0, limit) : matches;
  }

  private void collect(Condition key, String matchedOn, int limit, Map<UUID, DuplicateMatch> found) {
    if (found.size() >= limit) {
      return;
    }
    SelectLimitPercentStep<Record> query = db.select(Leads.COLUMNS).from(Leads.LEADS).where(key.and(LEAD.DELETED_AT.isNull()))
        .orderBy(LEAD.CREATED_AT, LEAD.ID).limit(limit);
    for (Record r : query.fetch()) {
      Lead lead = Leads.toLead(LeadColumns.of(r), List.of());
      found.putIfAbsent(lead.id().value(),
          new DuplicateMatch(DuplicateMatch.Kind.LEAD, lead.id().value(), matchedOn, lead.displayName()));
    }
  }


  @Override
  public List<Holder> findAny(Set<String> emails, Set<String> phones, Set<String> externalIds) {
    Map<UUID, Holder> found = new LinkedHashMap<>();
    collectAny(LEAD.EMAIL_KEY, emails, found);
    collectAny(LEAD.PHONE, phones, found);
    collectAny(LEAD.MOBILE, phones, found);
    collectAny(LEAD.EXTERNAL_ID, externalIds, found);
    return new ArrayList<>(found.values());
  }

  /** One statement per key column however many keys (an IN list of thousands costs more to parse and plan than to run). */
  private void collectAny(Field<String> column, Collection<String> values, Map<UUID, Holder> found) {
    if (values.isEmpty()) {
      return;
    }
    db.select(LEAD.ID, LEAD.FIRST_NAME, LEAD.LAST_NAME, LEAD.ACCOUNT_NAME, LEAD.EMAIL_KEY, LEAD.PHONE, LEAD.MOBILE,
            LEAD.EXTERNAL_ID)
        .from(LEAD).where(KeySet.among(db, column, values).and(LEAD.DELETED_AT.isNull()))
        .orderBy(LEAD.CREATED_AT, LEAD.ID)
        .forEach(r -> {
          Set<String> ph = new LinkedHashSet<>();
          if (r.get(LEAD.PHONE) != null) {
            ph.add(r.get(LEAD.PHONE));
          }
          if (r.get(LEAD.MOBILE) != null) {
            ph.add(r.get(LEAD.MOBILE));
          }
          String name = ((r.get(LEAD.FIRST_NAME) == null ? "" : r.get(LEAD.FIRST_NAME)) + " "
              + (r.get(LEAD.LAST_NAME) == null ? "" : r.get(LEAD.LAST_NAME))).strip();
          for (String alt : new String[] {r.get(LEAD.ACCOUNT_NAME), r.get(LEAD.EMAIL_KEY), r.get(LEAD.MOBILE),
              r.get(LEAD.PHONE), r.get(LEAD.ID).toString()}) {
            if (name.isEmpty() && alt != null) {
              name = alt;
            }
          }
          String on = column == LEAD.EMAIL_KEY ? "email" : column == LEAD.EXTERNAL_ID ? "externalId" : "phone";
          found.putIfAbsent(r.get(LEAD.ID), new Holder(
              new DuplicateMatch(DuplicateMatch.Kind.LEAD, r.get(LEAD.ID), on, name),
              new DuplicateKeys(r.get(LEAD.EMAIL_KEY), ph, r.get(LEAD.EXTERNAL_ID))));
        });
  }
}
