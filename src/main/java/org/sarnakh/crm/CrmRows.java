package org.sarnakh.crm;

import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.platform.DomainConflict;

/**
 * Writing the rows of accounts, contacts and opportunities, which share their bookkeeping columns
 * ({@code id}, {@code version}, {@code owner_id}, {@code origin_lead_id}, {@code created_at}).
 */
final class CrmRows {

  private CrmRows() {}

  /** Inserts a parsed record as new: a fresh id, version 0, the creator as owner unless one was named, its origin. */
  static <R extends TableRecord<R>> R insert(DSLContext db, R r, CurrentUser user, @Nullable Origin origin,
      Instant now) {
    Table<R> t = r.getTable();
    r.set(field(t, "id", UUID.class), UUID.randomUUID());
    r.set(field(t, "version", Long.class), 0L);
    if (r.get(field(t, "owner_id", UUID.class)) == null) {
      r.set(field(t, "owner_id", UUID.class), user.id());
    }
    if (origin != null) {
      r.set(field(t, "origin_lead_id", UUID.class), origin.leadId());
    }
    r.set(field(t, "created_at", Instant.class), now);
    db.insertInto(t).set(r).execute();
    return r;
  }

  /**
   * Writes a parsed record over the stored one of {@code version}, keeping the lead it came from;
   * zero rows updated means someone else wrote it meanwhile: 409.
   */
  static <R extends TableRecord<R>> void update(DSLContext db, R r, UUID id, long version, @Nullable UUID originLeadId,
      String what) {
    Table<R> t = r.getTable();
    r.set(field(t, "version", Long.class), version + 1);
    r.set(field(t, "origin_lead_id", UUID.class), originLeadId);
    if (db.update(t).set(r).where(field(t, "id", UUID.class).eq(id).and(field(t, "version", Long.class).eq(version)))
        .execute() == 0) {
      throw new DomainConflict("concurrent-change", "the " + what + " changed meanwhile; reload it and try again");
    }
  }

  private static <T> Field<T> field(Table<?> t, String name, Class<T> type) {
    Field<T> f = t.field(name, type);
    if (f == null) {
      throw new IllegalStateException(t.getName() + " has no column " + name);
    }
    return f;
  }
}
