package org.sarnakh.crm;

import static org.sarnakh.platform.db.Tables.CONTACT;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.sarnakh.lead.DuplicateKeys;
import org.sarnakh.lead.DuplicateMatch;
import org.sarnakh.lead.DuplicateSource;
import org.sarnakh.platform.KeySet;
import org.springframework.stereotype.Component;

/** Contacts that share an email or phone with a lead being written: a person already known to sales. */
@Component
class ContactDuplicates implements DuplicateSource {

  private final DSLContext db;

  ContactDuplicates(DSLContext db) {
    this.db = db;
  }

  @Override
  public List<DuplicateMatch> find(DuplicateKeys keys, int limit) {
    Map<UUID, DuplicateMatch> found = new LinkedHashMap<>();
    if (keys.email() != null) {
      collect(CONTACT.EMAIL.eq(keys.email()), "email", limit, found);
    }
    if (!keys.phones().isEmpty()) {
      collect(CONTACT.PHONE.in(keys.phones()), "phone", limit, found);
    }
    return new ArrayList<>(found.values());
  }

  private void collect(Condition key, String matchedOn, int limit, Map<UUID, DuplicateMatch> found) {
    db.select(CONTACT.ID, CONTACT.FIRST_NAME, CONTACT.LAST_NAME, CONTACT.EMAIL).from(CONTACT).where(key)
        .orderBy(CONTACT.CREATED_AT, CONTACT.ID).limit(limit)
        .forEach(r -> {
          String name = ((r.value2() == null ? "" : r.value2()) + " " + (r.value3() == null ? "" : r.value3())).strip();
          found.putIfAbsent(r.value1(), new DuplicateMatch(DuplicateMatch.Kind.CONTACT, r.value1(), matchedOn,
              name.isEmpty() ? String.valueOf(r.value4()) : name));
        });
  }

  @Override
  public List<Holder> findAny(Set<String> emails, Set<String> phones, Set<String> externalIds) {
    Map<UUID, Holder> found = new LinkedHashMap<>();
    collectAny(CONTACT.EMAIL, emails, found);
    collectAny(CONTACT.PHONE, phones, found);
    return new ArrayList<>(found.values());
  }

  private void collectAny(Field<String> column, Collection<String> values, Map<UUID, Holder> found) {
    if (values.isEmpty()) {
      return;
    }
    db.select(CONTACT.ID, CONTACT.FIRST_NAME, CONTACT.LAST_NAME, CONTACT.EMAIL, CONTACT.PHONE).from(CONTACT)
        .where(KeySet.among(db, column, values))
        .orderBy(CONTACT.CREATED_AT, CONTACT.ID)
        .forEach(r -> {
          String name = ((r.value2() == null ? "" : r.value2()) + " " + (r.value3() == null ? "" : r.value3())).strip();
          found.putIfAbsent(r.value1(), new Holder(
              new DuplicateMatch(DuplicateMatch.Kind.CONTACT, r.value1(), column == CONTACT.EMAIL ? "email" : "phone",
                  name.isEmpty() ? String.valueOf(r.value4()) : name),
              new DuplicateKeys(r.value4(), r.value5() == null ? Set.of() : Set.of(r.value5()), null)));
        });
  }
}
