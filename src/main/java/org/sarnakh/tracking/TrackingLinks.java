package org.sarnakh.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.sarnakh.platform.SarnakhSettings;
import org.sarnakh.platform.Secrets;
import org.sarnakh.platform.ServerSecrets;
import org.springframework.stereotype.Component;

/**
 * The signed public links of tracking: an email's open pixel, its click redirects (which lead only
 * to the address they were signed with), and the short-lived identity a click hands to the landing
 * page so the snippet there can tell who the visitor is. Nothing in them can be altered unseen.
 */
@Component
public class TrackingLinks {

  static final String PURPOSE = "tracking-link";
  /** How long a landing page may use the identity a click gave it. */
  static final Duration IDENTITY_LIFETIME = Duration.ofDays(30);

  /** What a genuine link says: the kind, the lead, the message it came in, and for clicks the target. */
  public record Link(char kind, UUID lead, String messageRef, String target, Instant notAfter) {}

  private final ServerSecrets secrets;
  private final SarnakhSettings settings;
  private final Clock clock;

  TrackingLinks(ServerSecrets secrets, SarnakhSettings settings, Clock clock) {
    this.secrets = secrets;
    this.settings = settings;
    this.clock = clock;
  }

  public String openPixel(UUID lead, String messageRef) {
    return settings.publicUrl() + "/t/o/" + token('o', lead, messageRef, "", Instant.MAX) + ".gif";
  }

  /** A click link to an http(s) address; anything else (javascript:, data:, a bare path) is refused. */
  public String click(UUID lead, String messageRef, String target) {
    if (!target.matches("(?i)https?://[^\\s/?#@]+([/?#]\\S*)?")) {
      throw new IllegalArgumentException("a click link leads to an http or https address: " + target);
    }
    return settings.publicUrl() + "/t/c/" + token('c', lead, messageRef, target, Instant.MAX);
  }

  /** The identity a click passes to its landing page ({@code snk_t}), good for {@link #IDENTITY_LIFETIME}. */
  public String identity(UUID lead) {
    return token('i', lead, "", "", clock.instant().plus(IDENTITY_LIFETIME));
  }

  /** The link a token stands for, if we signed it, it is of the kind asked, and it has not run out. */
  public Optional<Link> read(String token, char kind) {
    int dot = token.lastIndexOf('.');
    if (dot < 1 || token.length() > 4000) {
      return Optional.empty();
    }
    String body = token.substring(0, dot);
    if (!secrets.verify(PURPOSE, body, token.substring(dot + 1))) {
      return Optional.empty();
    }
    try {
      String[] p = new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8).split("\n", -1);
      if (p.length != 6 || p[0].length() != 1 || p[0].charAt(0) != kind) {
        return Optional.empty();
      }
      Instant notAfter = p[4].isEmpty() ? Instant.MAX : Instant.ofEpochSecond(Long.parseLong(p[4]));
      if (clock.instant().isAfter(notAfter)) {
        return Optional.empty();
      }
      return Optional.of(new Link(kind, UUID.fromString(p[1]), p[2], p[3], notAfter));
    } catch (IllegalArgumentException e) {
      // signed by us but not in our format (a key reused elsewhere): not a link
      return Optional.empty();
    }
  }

  /** A stable id for what one token records, so a pixel loaded twice or a link clicked twice counts once. */
  public static String eventId(String kindPrefix, String token) {
    return kindPrefix + ":" + Secrets.sha256(token).substring(0, 40);
  }

  private String token(char kind, UUID lead, String messageRef, String target, Instant notAfter) {
    String payload = kind + "\n" + lead + "\n" + messageRef + "\n" + target + "\n"
        + (notAfter.equals(Instant.MAX) ? "" : String.valueOf(notAfter.getEpochSecond())) + "\n" + Secrets.random(6);
    String body = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return body + "." + secrets.sign(PURPOSE, body);
  }
}
