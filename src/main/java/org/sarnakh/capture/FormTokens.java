package org.sarnakh.capture;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.sarnakh.platform.Secrets;
import org.sarnakh.platform.ServerSecrets;
import org.springframework.stereotype.Component;

/**
 * The one-time submission token a rendered form carries, in place of a CSRF token: a random id,
 * when it was issued, and the server's signature over both and the form. Checking it needs no
 * lookup; spending it is the unique insert of its id ({@link FormSubmissions}), so the same
 * rendered form posted twice makes one lead.
 */
@Component
public class FormTokens {

  static final String PURPOSE = "web-form";

  private final ServerSecrets secrets;
  private final FormSettings settings;
  private final Clock clock;

  FormTokens(ServerSecrets secrets, FormSettings settings, Clock clock) {
    this.secrets = secrets;
    this.settings = settings;
    this.clock = clock;
  }

  public String issue(WebForm form) {
    String payload = Secrets.random(16) + "." + clock.instant().getEpochSecond();
    return payload + "." + secrets.sign(PURPOSE, form.id() + "." + payload);
  }

  /** The token's id, to be spent once, when we signed it for this form and it has not expired. */
  Optional<String> check(WebForm form, String token) {
    String[] parts = token.split("\\.");
    if (parts.length != 3 || token.length() > 100) {
      return Optional.empty();
    }
    String payload = parts[0] + "." + parts[1];
    if (!secrets.verify(PURPOSE, form.id() + "." + payload, parts[2])) {
      return Optional.empty();
    }
    try {
      Instant issued = Instant.ofEpochSecond(Long.parseLong(parts[1]));
      Instant now = clock.instant();
      if (issued.isAfter(now.plusSeconds(60)) || issued.plus(settings.tokenLifetime()).isBefore(now)) {
        return Optional.empty();
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.of("t:" + parts[0]);
  }
}
