package org.sarnakh.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.postgresql.PGConnection;

/**
 * Inserts many rows at the database's speed: {@code COPY … FROM STDIN} on PostgreSQL (streamed,
 * no statement per row), a JDBC batch elsewhere. Runs inside the caller's transaction.
 */
public final class BulkInsert {

  /** Up to this many rows, PostgreSQL gets one INSERT instead of a COPY. */
  static final int FEW = 50;

  private BulkInsert() {}

  public static <R extends TableRecord<R>> void insert(DSLContext db, Table<R> table, List<Field<?>> columns,
      List<R> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int[] index = new int[columns.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = table.indexOf(columns.get(i));
    }
    if (db.dialect().family() != SQLDialect.POSTGRES) {
      // One statement rendered once and bound per row in a plain JDBC batch: jOOQ's batchInsert(records)
      // renders every record's INSERT again, and even its bound batch converts every value through its
      // bindings, which cost as much as H2's own work on the rows.
      String sql = db.render(db.insertInto(table).columns(columns).values(Collections.nCopies(columns.size(), (Object) null)));
      db.connection(c -> {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          insertBatched(ps, rows, index);
        } catch (SQLException e) {
          throw translated(e, "insert into " + table.getName());
        }
      });
      return;
    }
    if (rows.size() <= FEW) {
      // COPY sets up a 64 KB copy buffer and a protocol round of its own: for a few rows (a page view,
      // a form's event) one multi-row INSERT costs less and makes a tenth of the garbage.
      var insert = db.insertInto(table).columns(columns);
      for (R row : rows) {
        List<Object> values = new java.util.ArrayList<>(index.length);
        for (int i : index) {
          values.add(row.get(i));
        }
        insert = insert.values(values);
      }
      insert.execute();
      return;
    }
    String sql = "copy " + table.getName() + " (" + columns.stream().map(Field::getName).collect(Collectors.joining(", "))
        + ") from stdin (format csv)";
    db.connection(c -> {
      try {
        c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new CsvRows<>(rows, index));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (SQLException e) {
        throw translated(e, "COPY into " + table.getName());
      }
    });
  }

  private static <R extends TableRecord<R>> void insertBatched(PreparedStatement ps, List<R> rows, int[] index)
      throws SQLException {
    int pending = 0;
    for (R row : rows) {
      for (int i = 0; i < index.length; i++) {
        ps.setObject(i + 1, row.get(index[i]));
      }
      ps.addBatch();
      if (++pending == 1000) {
        ps.executeBatch();
        pending = 0;
      }
    }
    if (pending > 0) {
      ps.executeBatch();
    }
  }

  /** Both paths end in the same exceptions, as Spring translates them: callers catch one duplicate-key type. */
  private static RuntimeException translated(SQLException e, String what) {
    for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
      if ("23505".equals(cause.getSQLState())) {
        return new org.springframework.dao.DuplicateKeyException(what + ": " + cause.getMessage(), e);
      }
    }
    return new org.jooq.exception.DataAccessException(what + " failed", e);
  }

  /** Renders rows as PostgreSQL CSV lazily, one row at a time, so memory stays flat. */
  private static final class CsvRows<R extends TableRecord<R>> extends Reader {
    private final Iterator<R> rows;
    private final int[] columns;
    private final StringBuilder buffer = new StringBuilder(4096);
    private int pos;

    CsvRows(List<R> rows, int[] columns) {
      this.rows = rows.iterator();
      this.columns = columns;
    }

    @Override
    public int read(char[] cbuf, int off, int len) {
      if (pos >= buffer.length()) {
        if (!rows.hasNext()) {
          return -1;
        }
        buffer.setLength(0);
        pos = 0;
        R row = rows.next();
        for (int i = 0; i < columns.length; i++) {
          if (i > 0) {
            buffer.append(',');
          }
          append(row.get(columns[i]));
        }
        buffer.append('\n');
      }
      int n = Math.min(len, buffer.length() - pos);
      buffer.getChars(pos, pos + n, cbuf, off);
      pos += n;
      return n;
    }

    private void append(Object value) {
      if (value == null) {
        return; // an unquoted empty field is NULL in CSV format
      }
      String s = value instanceof Instant i ? i.toString() : value.toString();
      buffer.append('"');
      for (int k = 0; k < s.length(); k++) {
        char ch = s.charAt(k);
        if (ch == '"') {
          buffer.append('"');
        }
        buffer.append(ch);
      }
      buffer.append('"');
    }

    @Override
    public void close() {}
  }
}
