package org.sarnakh.platform.jobs;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A running job as its handler sees it: input, and the means to report progress durably. */
public interface JobRun {

  UUID id();

  String payload();

  @Nullable UUID createdBy();

  /** Where a previous run of this job stopped, or null on the first run. */
  @Nullable String checkpoint();

  void total(long total);

  /** Adds to the counters and stores the checkpoint in one write, so progress survives a crash. */
  void progress(long processedDelta, long failedDelta, @Nullable String checkpoint);

  void result(String json);

  boolean cancelled();
}
