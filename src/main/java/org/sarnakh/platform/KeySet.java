package org.sarnakh.platform;

import java.util.Collection;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * "This column holds one of these thousands of keys" as one bind variable and an index lookup on
 * each database. An IN list of thousands of binds costs more to parse and plan than to run. H2
 * turns {@code = ANY(?)} into index lookups (written as SQL here: jOOQ would expand it into an OR
 * of every key), but runs {@code IN (SELECT … FROM UNNEST(?))} again for every row. PostgreSQL joins {@code IN (SELECT … FROM unnest(?))} through the index whatever
 * its statistics say, while {@code = any(?)} on a table not yet analyzed became a scan comparing
 * every row with every key (11 s for 5,000 keys against 5,000 rows).
 */
public final class KeySet {

  private KeySet() {}

  public static Condition among(DSLContext db, Field<String> column, Collection<String> keys) {
    String[] array = keys.toArray(String[]::new);
    if (db.dialect().family() == SQLDialect.POSTGRES) {
      return column.in(DSL.select(DSL.field(DSL.name("k", "v"), String.class)).from(DSL.unnest(array).as("k", "v")));
    }
    return DSL.condition("{0} = any({1})", column, DSL.val(array));
  }
}
