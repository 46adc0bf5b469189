package org.sarnakh.conversion.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.conversion.Conversion;
import org.sarnakh.conversion.FieldMapping;
import org.sarnakh.conversion.FieldMappings;
import org.sarnakh.conversion.LeadConversion;
import org.sarnakh.conversion.MappingCatalog;
import org.sarnakh.conversion.QualificationChecklist;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.web.Idempotency;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/leads/{id}/convert} and what conversion reads: what a lead became, its
 * qualification checklist, and the administrator's checklist items and field mapping.
 */
@RestController
@RequestMapping("/api/v1")
class ConversionApi {

  private final LeadConversion conversion;
  private final QualificationChecklist checklist;
  private final FieldMappings mappings;
  private final MappingCatalog catalog;
  private final LeadQueries leads;
  private final Idempotency idempotency;
  private final Accessor access;

  ConversionApi(LeadConversion conversion, QualificationChecklist checklist, FieldMappings mappings,
      MappingCatalog catalog, LeadQueries leads, Idempotency idempotency, Accessor access) {
    this.idempotency = idempotency;
    this.conversion = conversion;
    this.checklist = checklist;
    this.mappings = mappings;
    this.catalog = catalog;
    this.leads = leads;
    this.access = access;
  }

  /** Converts; with an {@code Idempotency-Key} a repeat answers the first 201 instead of 409 already-converted. */
  @PostMapping("/leads/{id}/convert")
  ResponseEntity<?> convert(@PathVariable UUID id, @RequestBody(required = false) @Nullable Map<String, Object> body,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key) {
    CurrentUser user = access.current();
    Map<String, Object> request = body == null ? Map.of() : body;
    return idempotency.create(user.id(), key, "POST /leads/" + id + "/convert " + request, () ->
        new Idempotency.Created(URI.create("/api/v1/leads/" + id + "/conversion"),
            view(conversion.convert(new LeadId(id), request, user, Actor.Channel.API))));
  }

  @GetMapping("/leads/{id}/conversion")
  Map<String, Object> conversion(@PathVariable UUID id) {
    CurrentUser user = access.current();
    LeadId lead = new LeadId(id);
    leads.get(lead, user);
    return view(conversion.of(lead).orElseThrow(() -> new NotFound("conversion")));
  }

  @GetMapping("/leads/{id}/qualification")
  Map<String, Object> qualification(@PathVariable UUID id) {
    return view(checklist.of(new LeadId(id), access.current()));
  }

  @PutMapping("/leads/{id}/qualification")
  Map<String, Object> tick(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
    if (!(body.get("checked") instanceof List<?> list) || list.stream().anyMatch(c -> !(c instanceof String))) {
      throw InvalidInput.of("checked", "a list of checklist item codes");
    }
    return view(checklist.tick(new LeadId(id), list.stream().map(String::valueOf).toList(), access.current()));
  }

  @GetMapping("/settings/qualification-items")
  Map<String, Object> items() {
    access.current();
    return Map.of("items", checklist.items(true));
  }

  @PostMapping("/settings/qualification-items")
  ResponseEntity<QualificationChecklist.Item> define(@RequestBody Map<String, Object> body) {
    var item = checklist.define(text(body.get("code")), text(body.get("label")), access.current());
    return ResponseEntity.created(URI.create("/api/v1/settings/qualification-items/" + item.code())).body(item);
  }

  @PostMapping("/settings/qualification-items/{code}/deactivate")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deactivate(@PathVariable String code) {
    checklist.setActive(code, false, access.current());
  }

  @PostMapping("/settings/qualification-items/{code}/activate")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void activate(@PathVariable String code) {
    checklist.setActive(code, true, access.current());
  }

  @GetMapping("/settings/conversion-mapping")
  Map<String, Object> mapping() {
    access.current();
    return view(mappings.effective());
  }

  @PutMapping("/settings/conversion-mapping")
  Map<String, Object> saveMapping(@RequestBody Map<String, Object> body) {
    return view(mappings.save(body, access.current()));
  }

  @DeleteMapping("/settings/conversion-mapping")
  Map<String, Object> resetMapping() {
    return view(mappings.reset(access.require(Role.ADMIN)));
  }

  private Map<String, Object> view(FieldMapping m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rules", m.rules());
    out.put("unmapped", m.unmapped());
    out.put("sources", catalog.sources());
    out.put("targets", catalog.targets());
    return out;
  }

  static Map<String, Object> view(QualificationChecklist.State s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", s.items().stream().map(c -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", c.code());
      m.put("label", c.label());
      m.put("checked", c.checked());
      m.put("checkedAt", ApiTime.format(c.checkedAt()));
      m.put("checkedBy", c.checkedBy());
      return m;
    }).toList());
    out.put("complete", s.complete());
    out.put("missing", s.missing());
    return out;
  }

  static Map<String, Object> view(Conversion c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("leadId", c.lead().value());
    m.put("contactId", c.contactId());
    m.put("accountId", c.accountId());
    m.put("opportunityId", c.opportunityId());
    m.put("convertedBy", c.convertedBy());
    m.put("convertedAt", ApiTime.format(c.convertedAt()));
    m.put("notes", c.notes());
    return m;
  }

  private static @Nullable String text(@Nullable Object v) {
    return v == null ? null : String.valueOf(v);
  }
}
