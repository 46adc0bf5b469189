package org.sarnakh.nurture.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.nurture.Sequence;
import org.sarnakh.nurture.Sequences;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.web.IfMatch;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/sequences}: sequences and their enrolments; {@code /api/v1/leads/{id}/enrollments}: a lead's. */
@RestController
class SequenceApi {

  private final Sequences sequences;
  private final Accessor access;

  SequenceApi(Sequences sequences, Accessor access) {
    this.sequences = sequences;
    this.access = access;
  }

  @GetMapping("/api/v1/sequences")
  Map<String, Object> list() {
    access.require(Role.ADMIN, Role.MARKETING);
    return Map.of("items", sequences.list().stream().map(SequenceApi::view).toList());
  }

  @PostMapping("/api/v1/sequences")
  ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body) {
    Sequence s = sequences.create(body, access.current());
    return ResponseEntity.created(URI.create("/api/v1/sequences/" + s.id())).eTag("\"" + s.version() + "\"").body(view(s));
  }

  @GetMapping("/api/v1/sequences/{id}")
  ResponseEntity<Map<String, Object>> get(@PathVariable UUID id) {
    access.require(Role.ADMIN, Role.MARKETING);
    Sequence s = sequences.get(id);
    return ResponseEntity.ok().eTag("\"" + s.version() + "\"").body(view(s));
  }

  @PatchMapping(value = "/api/v1/sequences/{id}", consumes = {"application/merge-patch+json", "application/json"})
  ResponseEntity<Map<String, Object>> update(@PathVariable UUID id, @RequestBody Map<String, Object> body,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
    Sequence s = sequences.update(id, body, IfMatch.version(ifMatch, "sequence"), access.current());
    return ResponseEntity.ok().eTag("\"" + s.version() + "\"").body(view(s));
  }

  /** {@code {"leadIds": [...]}} → {@code {"enrolled": n}}: leads already enrolled once, or not visible, are left out. */
  @PostMapping("/api/v1/sequences/{id}/enrollments")
  Map<String, Object> enroll(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
    return Map.of("enrolled", sequences.enroll(id, SegmentApi.leadIds(body), access.current()));
  }

  @PostMapping("/api/v1/sequences/{id}/enrollments/{leadId}/exit")
  Map<String, Object> exit(@PathVariable UUID id, @PathVariable UUID leadId) {
    return Map.of("exited", sequences.exit(id, leadId, access.current()));
  }

  @GetMapping("/api/v1/leads/{id}/enrollments")
  Map<String, Object> ofLead(@PathVariable UUID id) {
    List<Map<String, Object>> items = sequences.ofLead(id, access.current()).stream().map(e -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id());
      m.put("sequenceId", e.sequenceId());
      m.put("sequenceName", e.sequenceName());
      m.put("state", e.state());
      m.put("nextStep", e.nextStep());
      m.put("dueAt", ApiTime.format(e.dueAt()));
      m.put("enrolledAt", ApiTime.format(e.enrolledAt()));
      m.put("enrolledVia", e.enrolledVia());
      m.put("finishedAt", ApiTime.format(e.finishedAt()));
      m.put("exitReason", e.exitReason());
      m.put("stepsSent", e.stepsSent());
      return m;
    }).toList();
    return Map.of("items", items);
  }

  static Map<String, Object> view(Sequence s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("name", s.name());
    m.put("state", s.state().name());
    m.put("entrySegmentId", s.entrySegmentId());
    m.put("exitOn", s.exitOn().stream().map(Enum::name).sorted().toList());
    m.put("steps", s.steps().stream().map(st -> Map.of("number", st.number(), "delay", st.delay().toString(),
        "templateId", st.templateId())).toList());
    m.put("createdAt", ApiTime.format(s.createdAt()));
    m.put("updatedAt", ApiTime.format(s.updatedAt()));
    m.put("version", s.version());
    return m;
  }
}
