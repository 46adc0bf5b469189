package org.sarnakh.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 file from growing without bound. Sarnakh opens H2 with {@code WRITE_DELAY=0}
 * so that a commit is written when it returns; that also leaves H2 without its background writer,
 * which is what drops dead chunks and rewrites sparse ones. Left alone, the file kept a few percent
 * live data: 6.5 GB for 300,000 rows of a lead-like table and 1.5 million history rows.
 *
 * <p>Every {@code sarnakh.h2.maintenance-every} this forces what is written to disk, then lets the
 * store reuse every chunk that no longer holds live data (safe now: whatever replaced them is
 * durable) and rewrites chunks below the target fill rate, a bounded amount each time. The same run
 * kept that file at 0.73 GB. It runs in the server and in CLI verbs alike (bulk loads grow the file
 * fastest), on its own thread, and does nothing on PostgreSQL or an in-memory H2.
 */
@Component
class H2StoreMaintenance implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(H2StoreMaintenance.class);
  /** Chunks less full than this are rewritten. */
  private static final int TARGET_FILL_RATE = 80;
  /** At most this many bytes rewritten per run, so one run never holds the store for long. */
  private static final int WRITE_LIMIT = 16 << 20;

  private final DataSource dataSource;
  private final Duration every;
  private @Nullable ScheduledExecutorService executor;

  H2StoreMaintenance(DataSource dataSource, @Value("${sarnakh.h2.maintenance-every:5s}") Duration every) {
    this.dataSource = dataSource;
    this.every = every;
  }

  /** One maintenance pass; true when it rewrote chunks. Does nothing (false) when the database is not an H2 file. */
  boolean maintain() {
    try (Connection c = dataSource.getConnection()) {
      MVStore store = fileStore(c);
      if (store == null || store.isClosed()) {
        return false;
      }
      store.sync();
      int retention = store.getRetentionTime();
      store.setRetentionTime(0);
      try {
        boolean rewrote = store.compact(TARGET_FILL_RATE, WRITE_LIMIT);
        store.commit();
        return rewrote;
      } finally {
        store.setRetentionTime(retention);
      }
    } catch (SQLException | RuntimeException e) {
      log.debug("H2 store maintenance skipped: {}", e.toString());
      return false;
    }
  }

  private static @Nullable MVStore fileStore(Connection c) throws SQLException {
    if (!c.isWrapperFor(JdbcConnection.class)) {
      return null;
    }
    if (!(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
      return null;
    }
    Store store = session.getDatabase().getStore();
    if (store == null || !session.getDatabase().isPersistent()) {
      return null;
    }
    return store.getMvStore();
  }

  @Override
  public void start() {
    boolean h2File;
    try (Connection c = dataSource.getConnection()) {
      h2File = fileStore(c) != null;
    } catch (SQLException | RuntimeException e) {
      h2File = false;
    }
    if (!h2File || every.isZero() || every.isNegative()) {
      return;
    }
    ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "h2-store-maintenance");
      t.setDaemon(true);
      return t;
    });
    ex.scheduleWithFixedDelay(this::maintain, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    executor = ex;
  }

  @Override
  public void stop() {
    ScheduledExecutorService ex = executor;
    if (ex != null) {
      ex.shutdownNow();
      try {
        ex.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor = null;
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
