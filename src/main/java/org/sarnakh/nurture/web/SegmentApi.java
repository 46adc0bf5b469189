package org.sarnakh.nurture.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.nurture.Segment;
import org.sarnakh.nurture.Segments;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.web.IfMatch;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/segments}: static lists and dynamic segments, their definitions, previews and
 * (for lists) members. The members themselves are listed, exported and mass-updated through the
 * lead list with {@code ?segmentId=}, with the caller's visibility.
 */
@RestController
@RequestMapping("/api/v1/segments")
class SegmentApi {

  private final Segments segments;
  private final Accessor access;

  SegmentApi(Segments segments, Accessor access) {
    this.segments = segments;
    this.access = access;
  }

  @GetMapping
  Map<String, Object> list() {
    access.current();
    return Map.of("items", segments.list().stream().map(SegmentApi::view).toList());
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body) {
    Segment s = segments.create(body, access.current());
    return ResponseEntity.created(URI.create("/api/v1/segments/" + s.id())).eTag(etag(s)).body(view(s));
  }

  @GetMapping("/{id}")
  ResponseEntity<Map<String, Object>> get(@PathVariable UUID id) {
    access.current();
    Segment s = segments.get(id);
    return ResponseEntity.ok().eTag(etag(s)).body(view(s));
  }

  @PatchMapping(value = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
  ResponseEntity<Map<String, Object>> update(@PathVariable UUID id, @RequestBody Map<String, Object> body,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
    Segment s = segments.update(id, body, IfMatch.version(ifMatch, "segment"), access.current());
    return ResponseEntity.ok().eTag(etag(s)).body(view(s));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable UUID id) {
    segments.delete(id, access.current());
    return ResponseEntity.noContent().build();
  }

  /** {@code {"leadIds": [...]}} into a static list → {@code {"added": n}} (leads already in it count as not added). */
  @PostMapping("/{id}/members")
  Map<String, Object> add(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
    return Map.of("added", segments.addMembers(id, leadIds(body), access.current()));
  }

  @PostMapping("/{id}/members/remove")
  Map<String, Object> remove(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
    return Map.of("removed", segments.removeMembers(id, leadIds(body), access.current()));
  }

  /** {@code {"definition": {...}}} → how many leads it would hold now and the first of them; stores nothing. */
  @PostMapping("/preview")
  Map<String, Object> preview(@RequestBody Map<String, Object> body) {
    Segments.Preview p = segments.preview(body.get("definition"), access.current());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", p.count());
    m.put("sample", p.sample());
    m.put("matchesEveryone", p.definition().matchesEveryone());
    m.put("definition", p.definition().toMap());
    return m;
  }

  static List<UUID> leadIds(Map<String, Object> body) {
    if (!(body.get("leadIds") instanceof List<?> raw)) {
      throw InvalidInput.of("leadIds", "a list of lead ids");
    }
    List<UUID> ids = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      try {
        ids.add(UUID.fromString(String.valueOf(raw.get(i))));
      } catch (IllegalArgumentException e) {
        throw InvalidInput.of("leadIds[" + i + "]", "not a lead id");
      }
    }
    return ids;
  }

  private static String etag(Segment s) {
    return "\"" + s.version() + "\"";
  }

  static Map<String, Object> view(Segment s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("name", s.name());
    m.put("kind", s.kind().name());
    m.put("definition", s.definition() == null ? null : s.definition().toMap());
    m.put("memberCount", s.memberCount());
    m.put("state", s.state());
    m.put("jobId", s.jobId());
    m.put("evaluatedAt", ApiTime.format(s.evaluatedAt()));
    m.put("createdAt", ApiTime.format(s.createdAt()));
    m.put("updatedAt", ApiTime.format(s.updatedAt()));
    m.put("version", s.version());
    m.put("members", "/api/v1/leads?segmentId=" + s.id());
    return m;
  }
}
