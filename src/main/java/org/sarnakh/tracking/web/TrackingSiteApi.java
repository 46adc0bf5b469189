package org.sarnakh.tracking.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.platform.SarnakhSettings;
import org.sarnakh.tracking.TrackingSites;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/tracking/sites}: the web sites carrying the snippet, with the snippet to paste. */
@RestController
@RequestMapping("/api/v1/tracking/sites")
class TrackingSiteApi {

  record NewSite(@Nullable String name, @Nullable List<String> allowedOrigins) {}

  private final TrackingSites sites;
  private final SarnakhSettings settings;
  private final Accessor access;

  TrackingSiteApi(TrackingSites sites, SarnakhSettings settings, Accessor access) {
    this.sites = sites;
    this.settings = settings;
    this.access = access;
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestBody NewSite body) {
    access.require(Role.ADMIN, Role.MARKETING);
    var site = sites.create(body.name(), body.allowedOrigins());
    return ResponseEntity.created(URI.create("/api/v1/tracking/sites/" + site.key())).body(view(site));
  }

  @GetMapping
  Map<String, Object> list() {
    access.require(Role.ADMIN, Role.MARKETING);
    return Map.of("items", sites.list().stream().map(this::view).toList());
  }

  private Map<String, Object> view(TrackingSites.Site site) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", site.key());
    m.put("name", site.name());
    m.put("allowedOrigins", List.copyOf(site.allowedOrigins()));
    m.put("snippet", "<script src=\"" + settings.publicUrl() + "/t/s.js\" data-site=\"" + site.key() + "\" async></script>");
    return m;
  }
}
