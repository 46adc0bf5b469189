package org.sarnakh.platform.jobs;

/**
 * Runs one kind of background job. A job may be run again after a crash: a handler resumes from
 * its last {@link JobRun#checkpoint()} and must be idempotent for the work after it.
 */
public interface JobHandler {

  String kind();

  void run(JobRun run) throws Exception;
}
