package org.sarnakh.crm;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidInput;

/** Newest-first keyset pages over a table with {@code created_at} and {@code id}. */
final class Keyset {

  private Keyset() {}

  static <R extends Record, T> Page<T> page(DSLContext db, Table<R> table, TableField<R, Instant> createdAt,
      TableField<R, UUID> id, Condition where, int limit, @Nullable String cursor, RecordMapper<R, T> mapper,
      Function<T, Instant> at, Function<T, UUID> key) {
    if (limit < 1 || limit > 500) {
      throw InvalidInput.of("limit", "between 1 and 500");
    }
    Condition c = where;
    if (cursor != null) {
      String[] parts = decode(cursor);
      try {
        c = c.and(DSL.row(createdAt, id).lt(Instant.parse(parts[0]), UUID.fromString(parts[1])));
      } catch (RuntimeException e) {
        throw InvalidInput.of("cursor", "not a cursor of this list");
      }
    }
    List<T> rows = db.selectFrom(table).where(c).orderBy(createdAt.desc(), id.desc()).limit(limit + 1).fetch(mapper);
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    T last = rows.get(limit - 1);
    String next = Base64.getUrlEncoder().withoutPadding()
        .encodeToString((at.apply(last) + "|" + key.apply(last)).getBytes(StandardCharsets.UTF_8));
    return new Page<>(List.copyOf(rows.subList(0, limit)), next);
  }

  private static String[] decode(String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
      if (parts.length == 2) {
        return parts;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw InvalidInput.of("cursor", "not a cursor of this list");
  }
}
