package org.sarnakh.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The database of this test JVM: embedded H2 in memory, or a fresh PostgreSQL database created
 * for this run and dropped when it ends (chosen by {@code -Dsarnakh.test.database}).
 */
public final class TestDatabase {

  public enum Kind { H2, POSTGRESQL }

  private static final String NAME = "sarnakh_it_" + System.currentTimeMillis() + "_"
      + UUID.randomUUID().toString().substring(0, 8);
  private static volatile String url;
  private static volatile String unavailable;

  private TestDatabase() {}

  public static Kind kind() {
    return "postgresql".equalsIgnoreCase(System.getProperty("sarnakh.test.database", "h2")) ? Kind.POSTGRESQL : Kind.H2;
  }

  public static String adminUrl() {
    String env = System.getenv("SARNAKH_TEST_PG_URL");
    return env != null && !env.isBlank() ? env
        : System.getProperty("sarnakh.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  }

  public static String user() {
    return System.getProperty("sarnakh.test.pg.user", "postgres");
  }

  /** Null when PostgreSQL is wanted but does not answer (the reason is in {@link #unavailableReason()}). */
  public static synchronized String url() {
    if (url != null || unavailable != null) {
      return url;
    }
    if (kind() == Kind.H2) {
      url = "jdbc:h2:mem:" + NAME + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
      return url;
    }
    try (Connection c = DriverManager.getConnection(adminUrl(), user(), "");
        Statement s = c.createStatement()) {
      s.execute("create database " + NAME);
    } catch (SQLException e) {
      unavailable = "PostgreSQL at " + adminUrl() + " is not available: " + e.getMessage();
      return null;
    }
    String admin = adminUrl();
    url = admin.substring(0, admin.lastIndexOf('/') + 1) + NAME + "?reWriteBatchedInserts=true";
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try (Connection c = DriverManager.getConnection(adminUrl(), user(), "");
          Statement s = c.createStatement()) {
        s.execute("drop database if exists " + NAME + " with (force)");
      } catch (SQLException e) {
        System.err.println("could not drop test database " + NAME + ": " + e.getMessage());
      }
    }));
    return url;
  }

  public static String unavailableReason() {
    return unavailable;
  }
}
