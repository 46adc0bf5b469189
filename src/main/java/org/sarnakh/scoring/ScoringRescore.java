package org.sarnakh.scoring;

import java.util.List;
import java.util.UUID;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.platform.jobs.JobHandler;
import org.sarnakh.platform.jobs.JobRun;
import org.sarnakh.platform.jobs.Jobs;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rescoring every lead after rules changed: a durable job that walks the leads in id order in
 * chunks, resumes from its checkpoint after a crash, and runs beside live scoring, which keeps
 * going (a lead scored by both simply gets the same ledger twice).
 */
@Component
public class ScoringRescore implements JobHandler {

  static final String KIND = "scoring-rescore";
  static final int CHUNK = 500;

  private final LeadScoring scoring;
  private final LeadQueries leads;
  private final Jobs jobs;
  private final TransactionTemplate tx;

  ScoringRescore(LeadScoring scoring, LeadQueries leads, Jobs jobs, TransactionTemplate tx) {
    this.scoring = scoring;
    this.leads = leads;
    this.jobs = jobs;
    this.tx = tx;
  }

  public UUID start(CurrentUser user) {
    return tx.execute(s -> jobs.submit(KIND, "{}", user.id()));
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public void run(JobRun run) {
    UUID after = run.checkpoint() == null ? null : UUID.fromString(run.checkpoint());
    if (after == null) {
      run.total(leads.countLive());
    }
    while (!run.cancelled()) {
      List<UUID> chunk = leads.idsAfter(after, CHUNK);
      if (chunk.isEmpty()) {
        break;
      }
      scoring.rescore(chunk);
      after = chunk.get(chunk.size() - 1);
      run.progress(chunk.size(), 0, after.toString());
    }
  }
}
