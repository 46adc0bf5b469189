package org.sarnakh.web;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.jobs.JobView;
import org.sarnakh.platform.jobs.Jobs;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The progress page of a background job: a bar that htmx refreshes until the job ends. */
@Controller
class JobPages {

  private final VisibleJobs jobs;

  JobPages(VisibleJobs jobs) {
    this.jobs = jobs;
  }

  @GetMapping("/jobs/{id}")
  String job(@PathVariable UUID id, @RequestParam(required = false) @Nullable String back,
      @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
    JobView job = jobs.get(id);
    model.addAttribute("job", job);
    model.addAttribute("percent", job.total() <= 0 ? (finished(job) ? 100 : 0)
        : (int) Math.min(100, job.processed() * 100 / job.total()));
    model.addAttribute("finished", finished(job));
    model.addAttribute("back", back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\") ? back : "/leads");
    return htmx != null ? "jobs/job :: progress" : "jobs/job";
  }

  @PostMapping("/jobs/{id}/cancel")
  String cancel(@PathVariable UUID id, @RequestParam(required = false) @Nullable String back) {
    jobs.cancel(id);
    return "redirect:/jobs/" + id + (back == null ? "" : "?back=" + java.net.URLEncoder.encode(back,
        java.nio.charset.StandardCharsets.UTF_8));
  }

  static boolean finished(JobView job) {
    return !job.status().equals(Jobs.QUEUED) && !job.status().equals(Jobs.RUNNING);
  }
}
