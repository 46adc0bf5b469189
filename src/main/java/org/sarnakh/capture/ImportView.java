package org.sarnakh.capture;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An import as its starter sees it: the file, the options it runs with, and the counters
 * (PRODUCT.md §9): {@code processed} records so far of {@code total}, of which {@code created},
 * {@code updated}, {@code skipped} (duplicates in CREATE_ONLY, repeats inside the file included) and
 * {@code failed} (refused rows, listed in errors.csv). {@code status} is a job status, or DRAFT while
 * the wizard has not started it.
 */
public record ImportView(UUID id, String status, String fileName, String format, long fileSize, String encoding,
    String delimiter, @Nullable Map<String, String> mapping, String mode, List<String> matchBy,
    Map<String, Object> defaults, long total, long processed, long created, long updated, long skipped,
    long failed, UUID createdBy, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
    @Nullable String error, @Nullable Long stoppedAtLine) {

  public boolean finished() {
    return !status.equals("QUEUED") && !status.equals("RUNNING") && !status.equals(LeadImports.DRAFT);
  }

  public boolean draft() {
    return status.equals(LeadImports.DRAFT);
  }

  /** Progress in whole percent; 100 once finished. */
  public int percent() {
    if (finished()) {
      return 100;
    }
    return total <= 0 ? 0 : (int) Math.min(99, processed * 100 / total);
  }
}
