package org.sarnakh.tracking.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.tracking.EventIngest;
import org.sarnakh.tracking.TrackedEvent;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/events {"events": […≤1000]}} → 202 {@code {"accepted","duplicates","rejected"}}:
 * for integrations (web sites, email and call systems) run by administrators and marketing.
 */
@RestController
@RequestMapping("/api/v1/events")
class EventApi {

  record Batch(@Nullable List<Object> events) {}

  private final EventIngest ingest;
  private final Accessor access;

  EventApi(EventIngest ingest, Accessor access) {
    this.ingest = ingest;
    this.access = access;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> record(@RequestBody Batch body) {
    access.require(Role.ADMIN, Role.MARKETING);
    if (body.events() == null) {
      throw InvalidInput.of("events", "required: an array of events");
    }
    var result = ingest.ingest(body.events(), TrackedEvent.Channel.API);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("accepted", result.accepted());
    out.put("duplicates", result.duplicates());
    out.put("rejected", result.rejected().stream().map(r -> Map.of("index", r.index(), "field", r.field(),
        "detail", r.detail())).toList());
    return out;
  }
}
