package org.sarnakh.tracking;

import static org.sarnakh.platform.db.Tables.TRACKING_SITE;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.Secrets;
import org.sarnakh.platform.text.TextKeys;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The web sites that carry the tracking snippet: each has a public key and the origins that may send page views. */
@Service
public class TrackingSites {

  public record Site(String key, String name, Set<String> allowedOrigins, Instant createdAt) {
    /** Whether a request's {@code Origin} is one of this site's ({@code null}: no Origin header, e.g. a beacon from an old browser). */
    public boolean allows(@Nullable String origin) {
      return origin == null || allowedOrigins.contains(origin.toLowerCase(Locale.ROOT));
    }
  }

  private final DSLContext db;
  private final Clock clock;

  TrackingSites(DSLContext db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Transactional
  public Site create(@Nullable String name, @Nullable List<String> origins) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > 100 || TextKeys.hasForbiddenControls(n)) {
      throw InvalidInput.of("name", "required, at most 100 characters, no control characters");
    }
    Set<String> allowed = origins(origins);
    String key = "site_" + Secrets.random(12);
    Instant now = ApiTime.truncate(clock.instant());
    db.insertInto(TRACKING_SITE).set(TRACKING_SITE.SITE_KEY, key).set(TRACKING_SITE.NAME, n)
        .set(TRACKING_SITE.ALLOWED_ORIGINS, String.join(" ", allowed)).set(TRACKING_SITE.CREATED_AT, now).execute();
    return new Site(key, n, allowed, now);
  }

  public List<Site> list() {
    return db.selectFrom(TRACKING_SITE).orderBy(TRACKING_SITE.CREATED_AT).fetch(r -> new Site(r.getSiteKey(),
        r.getName(), Set.of(r.getAllowedOrigins().split(" ")), r.getCreatedAt()));
  }

  public Optional<Site> find(String key) {
    return db.selectFrom(TRACKING_SITE).where(TRACKING_SITE.SITE_KEY.eq(key)).fetchOptional(r -> new Site(
        r.getSiteKey(), r.getName(), Set.of(r.getAllowedOrigins().split(" ")), r.getCreatedAt()));
  }

  /** Origins as browsers send them: scheme, host and port, lower case, no path. */
  static Set<String> origins(@Nullable List<String> given) {
    if (given == null || given.isEmpty() || given.size() > 20) {
      throw InvalidInput.of("allowedOrigins", "1 to 20 origins such as https://www.example.com");
    }
    Set<String> out = new LinkedHashSet<>();
    List<String> bad = new ArrayList<>();
    for (String o : given) {
      try {
        URI uri = new URI(o == null ? "" : o.strip());
        boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
        if (!web || uri.getHost() == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()
            && !uri.getRawPath().equals("/")) || uri.getRawQuery() != null || uri.getUserInfo() != null) {
          bad.add(o);
          continue;
        }
        out.add((uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()))
            .toLowerCase(Locale.ROOT));
      } catch (java.net.URISyntaxException e) {
        bad.add(o);
      }
    }
    if (!bad.isEmpty()) {
      throw InvalidInput.of("allowedOrigins", "not an origin: " + Arrays.toString(bad.toArray()));
    }
    return out;
  }
}
