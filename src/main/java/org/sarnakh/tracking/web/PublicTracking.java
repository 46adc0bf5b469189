package org.sarnakh.tracking.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.RateBuckets;
import org.sarnakh.tracking.EventIngest;
import org.sarnakh.tracking.EventType;
import org.sarnakh.tracking.TrackedEvent;
import org.sarnakh.tracking.TrackingLinks;
import org.sarnakh.tracking.TrackingSettings;
import org.sarnakh.tracking.TrackingSites;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public side of tracking, reached without signing in: page views from the snippet
 * ({@code POST /t/e}), the email open pixel ({@code /t/o/{token}.gif}) and signed click redirects
 * ({@code /t/c/{token}}). None of them says whether a lead exists; a click only ever leads to the
 * address its link was signed with; Do-Not-Track and Global Privacy Control are honoured; every
 * source address is rate limited.
 */
@RestController
@RequestMapping("/t")
class PublicTracking {

  /** The smallest transparent GIF. */
  static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
  static final int MAX_BEACON = 16 * 1024;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PublicTracking.class);
  private static final tools.jackson.core.type.TypeReference<LinkedHashMap<String, Object>> BEACON =
      new tools.jackson.core.type.TypeReference<>() {};

  private final EventIngest ingest;
  private final TrackingLinks links;
  private final TrackingSites sites;
  private final TrackingSettings settings;
  private final RateBuckets limits = new RateBuckets(100_000);

  private final GroupedIngest grouped;

  PublicTracking(EventIngest ingest, GroupedIngest grouped, TrackingLinks links, TrackingSites sites,
      TrackingSettings settings) {
    this.ingest = ingest;
    this.grouped = grouped;
    this.links = links;
    this.sites = sites;
    this.settings = settings;
  }

  /**
   * A page view from the snippet: {@code {"site","anonymousId","eventId","url","referrer","identity"?}},
   * sent as text/plain by {@code navigator.sendBeacon} (no preflight). Answers 204 whatever became of it,
   * but for a foreign origin (403), an unknown site (404), a malformed beacon (400) or the rate limit (429).
   */
  @PostMapping("/e")
  ResponseEntity<Void> pageView(HttpServletRequest request,
      @RequestHeader(name = HttpHeaders.ORIGIN, required = false) @Nullable String origin) throws IOException {
    if (!allowedRate(request)) {
      return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).build();
    }
    // Read at most one byte past the limit: a hostile body is refused without being held.
    byte[] bytes = request.getInputStream().readNBytes(MAX_BEACON + 1);
    if (bytes.length == 0 || bytes.length > MAX_BEACON) {
      return ResponseEntity.status(bytes.length == 0 ? HttpStatus.BAD_REQUEST : HttpStatus.CONTENT_TOO_LARGE).build();
    }
    String body = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    Map<String, Object> beacon;
    try {
      beacon = JSON.readValue(body, BEACON);
    } catch (JacksonException e) {
      return ResponseEntity.badRequest().build();
    }
    var site = sites.find(String.valueOf(beacon.get("site")));
    if (site.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    if (!site.get().allows(origin)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
    ResponseEntity.BodyBuilder ok = ResponseEntity.status(HttpStatus.NO_CONTENT);
    if (origin != null) {
      ok.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin).header(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    }
    if (doNotTrack(request)) {
      return ok.build();
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", beacon.get("eventId"));
    event.put("type", EventType.PAGE_VIEW.name());
    event.put("anonymousId", beacon.get("anonymousId"));
    event.put("url", beacon.get("url"));
    event.put("referrer", beacon.get("referrer"));
    Object identity = beacon.get("identity");
    if (identity instanceof String token && beacon.get("anonymousId") instanceof String anonymousId) {
      links.read(token, 'i').ifPresent(link -> event.put("leadId", link.lead().toString()));
      event.put("anonymousId", anonymousId);
    }
    ingest.ingest(List.of(event), TrackedEvent.Channel.SNIPPET);
    return ok.build();
  }

  /** The preflight of a page view sent with fetch: allowed for the site's origins only. */
  @RequestMapping(value = "/e", method = RequestMethod.OPTIONS)
  ResponseEntity<Void> preflight(@RequestHeader(name = HttpHeaders.ORIGIN, required = false) @Nullable String origin) {
    boolean known = origin != null && sites.list().stream().anyMatch(s -> s.allowedOrigins().contains(origin));
    if (!known) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
    return ResponseEntity.noContent().header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
        .header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "POST")
        .header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, HttpHeaders.CONTENT_TYPE)
        .header(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "86400").header(HttpHeaders.VARY, HttpHeaders.ORIGIN).build();
  }

  /** An email was opened: the pixel is answered the same whatever the token, so it tells nothing. */
  @GetMapping("/o/{token}.gif")
  ResponseEntity<byte[]> open(@PathVariable String token, HttpServletRequest request) {
    if (allowedRate(request) && !doNotTrack(request)) {
      links.read(token, 'o').ifPresent(link -> record(EventType.EMAIL_OPEN, TrackingLinks.eventId("open", token),
          link, null, TrackedEvent.Channel.PIXEL));
    }
    return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore()).body(PIXEL);
  }

  /**
   * A link in an email was clicked: recorded, then redirected to the address the link was signed
   * with, carrying the lead's short-lived identity for the snippet of the landing page. A token we
   * did not sign is a 404: never a redirect, so the endpoint cannot be used to send people elsewhere.
   */
  @GetMapping("/c/{token}")
  void click(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) throws IOException {
    var link = links.read(token, 'c');
    if (link.isEmpty() || !webAddress(link.get().target())) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (allowedRate(request)) {
      record(EventType.EMAIL_CLICK, TrackingLinks.eventId("click", token), link.get(), link.get().target(),
          TrackedEvent.Channel.CLICK);
    }
    String target = link.get().target();
    String separator = target.contains("?") ? "&" : "?";
    int hash = target.indexOf('#');
    String withIdentity = hash < 0 ? target + separator + "snk_t=" + links.identity(link.get().lead())
        : target.substring(0, hash) + separator + "snk_t=" + links.identity(link.get().lead()) + target.substring(hash);
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.sendRedirect(withIdentity);
  }

  private void record(EventType type, String eventId, TrackingLinks.Link link, @Nullable String url,
      TrackedEvent.Channel channel) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", eventId);
    event.put("type", type.name());
    event.put("leadId", link.lead().toString());
    if (url != null) {
      event.put("url", url);
    }
    if (!link.messageRef().isEmpty()) {
      event.put("properties", Map.of("message", link.messageRef()));
    }
    try {
      grouped.store(event, channel);
    } catch (RuntimeException e) {
      // The pixel still answers and the click still redirects: the reader must not pay for our outage.
      log.warn("a {} hit was not stored: {}", channel, e.toString());
    }
  }

  private boolean allowedRate(HttpServletRequest request) {
    return !settings.rateLimits()
        || limits.tryTake(request.getRemoteAddr(), settings.perAddressPerMinute(), Duration.ofMinutes(1));
  }

  /** Do-Not-Track ({@code DNT: 1}) or Global Privacy Control ({@code Sec-GPC: 1}). */
  static boolean doNotTrack(HttpServletRequest request) {
    return "1".equals(request.getHeader("DNT")) || "1".equals(request.getHeader("Sec-GPC"));
  }

  static boolean webAddress(String target) {
    try {
      URI uri = new URI(target);
      return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null && uri.getUserInfo() == null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
