package org.sarnakh.lead.internal;

import static org.sarnakh.platform.db.Tables.LEAD;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectLimitPercentStep;
import org.sarnakh.lead.DuplicateKeys;
import org.sarnakh.lead.DuplicateMatch;
import org.sarnakh.lead.DuplicateSource;
import org.sarnakh.lead.Lead;
import org.springframework.stereotype.Component;

/** Leads that share a duplicate key; one indexed query per key, so both databases use their indexes. */
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
    SelectLimitPercentStep<Record> query = db.select(LEAD.fields()).from(LEAD).where(key.and(LEAD.DELETED_AT.isNull()))
        .orderBy(LEAD.CREATED_AT, LEAD.ID).limit(limit);
    for (Record r : query.fetch()) {
      Lead lead = Leads.toLead(LeadColumns.of(r), List.of());
      found.putIfAbsent(lead.id().value(),
          new DuplicateMatch(DuplicateMatch.Kind.LEAD, lead.id().value(), matchedOn, lead.displayName()));
    }
  }
}
