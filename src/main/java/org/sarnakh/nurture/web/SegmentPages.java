package org.sarnakh.nurture.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.lead.LeadStatus;
import org.sarnakh.lead.LifecycleStage;
import org.sarnakh.nurture.Segment;
import org.sarnakh.nurture.Segments;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.StaleVersion;
import org.sarnakh.platform.jobs.Jobs;
import org.sarnakh.platform.web.Flash;
import org.sarnakh.platform.web.FormErrors;
import org.sarnakh.tracking.EventType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Segment pages: every segment with its member count and build progress (for everyone: members
 * open as the lead list, with the viewer's visibility), and for marketing and administrators the
 * editor with a preview of what a definition holds before it is saved.
 */
@Controller
@RequestMapping("/segments")
class SegmentPages {

  private final Segments segments;
  private final Jobs jobs;
  private final LeadQueries leads;
  private final UserDirectory users;
  private final Accessor access;

  SegmentPages(Segments segments, Jobs jobs, LeadQueries leads, UserDirectory users, Accessor access) {
    this.segments = segments;
    this.jobs = jobs;
    this.leads = leads;
    this.users = users;
    this.access = access;
  }

  @GetMapping
  String list(Model page) {
    CurrentUser user = access.current();
    List<Segment> all = segments.list();
    page.addAttribute("segments", all);
    page.addAttribute("progress", all.stream().filter(s -> s.jobId() != null && Segment.BUILDING.equals(s.state()))
        .collect(java.util.stream.Collectors.toMap(Segment::id, s -> percent(s.jobId()))));
    page.addAttribute("editor", editor(user));
    return "segments/list";
  }

  @GetMapping("/new")
  String create(@RequestParam(defaultValue = "DYNAMIC") String kind, Model page) {
    requireEditor();
    Map<String, String> values = SegmentForm.empty();
    values.put("kind", "STATIC".equals(kind) ? "STATIC" : "DYNAMIC");
    return editor(page, null, values, FormErrors.NONE);
  }

  @GetMapping("/{id}")
  String show(@PathVariable UUID id, Model page) {
    CurrentUser user = access.current();
    Segment s = segments.get(id);
    if (!editor(user)) {
      page.addAttribute("segment", s);
      page.addAttribute("progress", s.jobId() == null ? null : percent(s.jobId()));
      return "segments/view";
    }
    return editor(page, s, SegmentForm.of(s), FormErrors.NONE);
  }

  @PostMapping
  String save(@RequestParam MultiValueMap<String, String> form, Model page, HttpServletResponse response,
      RedirectAttributes redirect) {
    CurrentUser user = requireEditor();
    Map<String, String> values = SegmentForm.values(form);
    try {
      Segment s = segments.create(SegmentForm.json(values), user);
      redirect.addFlashAttribute("flash", Flash.success("segments.saved", s.name()));
      return "redirect:/segments/" + s.id();
    } catch (InvalidInput e) {
      response.setStatus(400);
      return editor(page, null, values, SegmentForm.errors(e));
    }
  }

  @PostMapping("/{id}")
  String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model page,
      HttpServletResponse response, RedirectAttributes redirect) {
    CurrentUser user = requireEditor();
    Map<String, String> values = SegmentForm.values(form);
    Segment current = segments.get(id);
    Map<String, Object> json = SegmentForm.json(values);
    json.remove("kind");
    try {
      Long version = values.get("version").isEmpty() ? null : Long.valueOf(values.get("version"));
      Segment s = segments.update(id, json, version, user);
      redirect.addFlashAttribute("flash", Flash.success("segments.saved", s.name()));
      return "redirect:/segments/" + s.id();
    } catch (InvalidInput e) {
      response.setStatus(400);
      return editor(page, current, values, SegmentForm.errors(e));
    } catch (StaleVersion | DomainConflict | NumberFormatException e) {
      response.setStatus(409);
      page.addAttribute("stale", true);
      return editor(page, current, values, FormErrors.NONE);
    }
  }

  /** What the form's definition would hold now, shown beside the form; nothing is saved. */
  @PostMapping("/preview")
  String preview(@RequestParam MultiValueMap<String, String> form, @RequestParam(required = false) @Nullable UUID id,
      Model page, HttpServletResponse response) {
    CurrentUser user = requireEditor();
    Map<String, String> values = SegmentForm.values(form);
    Segment current = id == null ? null : segments.get(id);
    try {
      Segments.Preview p = segments.preview(SegmentForm.definition(values), user);
      page.addAttribute("preview", p);
      page.addAttribute("sample", leads.visible(p.sample(), user));
      return editor(page, current, values, FormErrors.NONE);
    } catch (InvalidInput e) {
      response.setStatus(400);
      return editor(page, current, values, SegmentForm.errors(e));
    }
  }

  @PostMapping("/{id}/delete")
  String delete(@PathVariable UUID id, RedirectAttributes redirect) {
    CurrentUser user = requireEditor();
    Segment s = segments.get(id);
    segments.delete(id, user);
    redirect.addFlashAttribute("flash", Flash.success("segments.deleted", s.name()));
    return "redirect:/segments";
  }

  private String editor(Model page, @Nullable Segment segment, Map<String, String> values, FormErrors errors) {
    page.addAttribute("segment", segment);
    page.addAttribute("progress", segment == null || segment.jobId() == null ? null : percent(segment.jobId()));
    page.addAttribute("values", values);
    page.addAttribute("errors", errors);
    page.addAttribute("statuses", LeadStatus.values());
    page.addAttribute("stages", LifecycleStage.values());
    page.addAttribute("ratings", List.of("HOT", "WARM", "COLD"));
    page.addAttribute("eventTypes", EventType.values());
    page.addAttribute("owners", users.list().stream().filter(u -> u.active()).toList());
    page.addAttribute("rows", java.util.stream.IntStream.range(0, SegmentForm.EVENT_ROWS).boxed().toList());
    return "segments/edit";
  }

  private int percent(UUID job) {
    return jobs.find(job).map(j -> j.total() <= 0 ? 0 : (int) Math.min(100, j.processed() * 100 / j.total())).orElse(0);
  }

  private static boolean editor(CurrentUser user) {
    return user.is(Role.ADMIN) || user.is(Role.MARKETING);
  }

  private CurrentUser requireEditor() {
    return access.require(Role.ADMIN, Role.MARKETING);
  }
}
