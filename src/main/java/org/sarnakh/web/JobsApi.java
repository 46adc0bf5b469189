package org.sarnakh.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.jobs.JobView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/jobs/{id}}: progress of background work, visible to whoever started it and to admins. */
@RestController
@RequestMapping("/api/v1/jobs")
class JobsApi {

  private final VisibleJobs jobs;

  JobsApi(VisibleJobs jobs) {
    this.jobs = jobs;
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable UUID id) {
    return view(jobs.get(id));
  }

  @PostMapping("/{id}/cancel")
  Map<String, Object> cancel(@PathVariable UUID id) {
    jobs.cancel(id);
    return view(jobs.get(id));
  }

  static Map<String, Object> view(JobView j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", j.id());
    m.put("kind", j.kind());
    m.put("status", j.status());
    m.put("total", j.total());
    m.put("processed", j.processed());
    m.put("failed", j.failed());
    m.put("result", j.result());
    m.put("error", j.error());
    m.put("createdAt", ApiTime.format(j.createdAt()));
    m.put("startedAt", ApiTime.format(j.startedAt()));
    m.put("finishedAt", ApiTime.format(j.finishedAt()));
    return m;
  }
}
