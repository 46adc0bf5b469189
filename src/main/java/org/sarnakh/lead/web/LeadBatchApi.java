package org.sarnakh.lead.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.lead.LeadBatch;
import org.sarnakh.platform.InvalidInput;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/leads/batch {"leads": […≤1000]}}: one result per item, in order; good items
 * are kept whatever happens to the others.
 */
@RestController
@RequestMapping("/api/v1/leads/batch")
class LeadBatchApi {

  record BatchRequest(@Nullable List<Object> leads) {}

  private final LeadBatch batch;
  private final Accessor access;

  LeadBatchApi(LeadBatch batch, Accessor access) {
    this.batch = batch;
    this.access = access;
  }

  @PostMapping
  Map<String, Object> create(@RequestBody BatchRequest body, @RequestParam(defaultValue = "reject") String onDuplicate) {
    if (body.leads() == null) {
      throw InvalidInput.of("leads", "required: an array of lead objects");
    }
    var results = batch.create(body.leads(), access.current(), LeadApi.onDuplicate(onDuplicate));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("created", results.stream().filter(r -> r.status() == 201).count());
    out.put("updated", results.stream().filter(r -> r.status() == 200).count());
    out.put("failed", results.stream().filter(r -> r.status() >= 400).count());
    out.put("results", results.stream().map(LeadBatchApi::view).toList());
    return out;
  }

  static Map<String, Object> view(LeadBatch.ItemResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", r.index());
    m.put("status", r.status());
    if (r.id() != null) {
      m.put("id", r.id());
    }
    if (r.detail() != null) {
      m.put("detail", r.detail());
    }
    if (!r.errors().isEmpty()) {
      m.put("errors", r.errors().stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
    }
    if (!r.matches().isEmpty()) {
      m.put("matches", r.matches().stream().map(org.sarnakh.lead.DuplicateMatch::asMap).toList());
    }
    return m;
  }
}
