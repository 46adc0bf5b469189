package org.sarnakh.web;

import java.util.UUID;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.jobs.JobView;
import org.sarnakh.platform.jobs.Jobs;
import org.springframework.stereotype.Component;

/** A job as its starter (or an administrator) may see it; to anyone else it does not exist. */
@Component
class VisibleJobs {

  private final Jobs jobs;
  private final Accessor access;

  VisibleJobs(Jobs jobs, Accessor access) {
    this.jobs = jobs;
    this.access = access;
  }

  JobView get(UUID id) {
    CurrentUser user = access.current();
    return jobs.find(id).filter(j -> user.role() == Role.ADMIN || user.id().equals(j.createdBy()))
        .orElseThrow(() -> new NotFound("job"));
  }

  void cancel(UUID id) {
    get(id);
    jobs.cancel(id);
  }
}
