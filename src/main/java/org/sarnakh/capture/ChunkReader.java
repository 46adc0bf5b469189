package org.sarnakh.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.sarnakh.capture.RowConversion.Converted;

/**
 * Reads and converts the next chunk on its own thread while the caller writes the current one:
 * on two cores, parsing and normalising overlap with the database's work.
 */
final class ChunkReader implements AutoCloseable {

  /**
   * Records read and converted, ready to write. {@code consumed} counts every record read (blank
   * ones and, when the file breaks, the broken one), which is how far the next run skips.
   */
  record Chunk(List<Converted> rows, long consumed, SourceRows.@Nullable MalformedFile malformed, boolean end) {
    boolean last() {
      return end || malformed != null;
    }
  }

  /** Characters of cells a chunk may hold before it is cut short of its row count, so memory stays bounded. */
  static final long CHUNK_CHARS = 8_000_000;

  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "import-reader");
    t.setDaemon(true);
    return t;
  });
  private final SourceRows rows;
  private final RowConversion conversion;
  private final int size;
  private final ImportTimings timings;
  private @Nullable Future<Chunk> ahead;

  ChunkReader(SourceRows rows, RowConversion conversion, long skip, int size, ImportTimings timings) {
    this.rows = rows;
    this.conversion = conversion;
    this.size = size;
    this.timings = timings;
    this.ahead = thread.submit(() -> skip(skip) ? timed() : new Chunk(List.of(), 0, null, true));
  }

  private Chunk timed() {
    return timings.time("reading and converting (own thread)", this::read);
  }

  Chunk next() throws Exception {
    if (ahead == null) {
      return new Chunk(List.of(), 0, null, true);
    }
    Chunk chunk;
    try {
      chunk = ahead.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    ahead = chunk.last() ? null : thread.submit(this::timed);
    return chunk;
  }

  /** Skips what earlier runs committed; false when the file ends (or breaks, already reported) meanwhile. */
  private boolean skip(long records) {
    try {
      for (long i = 0; i < records; i++) {
        if (rows.next() == null) {
          return false;
        }
      }
      return true;
    } catch (SourceRows.MalformedFile e) {
      return false;
    }
  }

  private Chunk read() {
    List<Converted> out = new ArrayList<>(size);
    long chars = 0;
    long consumed = 0;
    while (out.size() < size && chars < CHUNK_CHARS) {
      SourceRows.Row row;
      try {
        row = rows.next();
      } catch (SourceRows.MalformedFile e) {
        return new Chunk(out, consumed + 1, e, true);
      }
      if (row == null) {
        return new Chunk(out, consumed, null, true);
      }
      consumed++;
      for (String c : row.cells()) {
        chars += c.length();
      }
      out.add(conversion.convert(row));
    }
    return new Chunk(out, consumed, null, false);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
