package org.sarnakh.platform.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the outbox sends: the sender address, how many mails a dispatcher claims at once, the delay
 * before the first retry (doubling at each attempt up to {@code maxRetryDelay}), how many attempts a
 * mail gets, and after how long a mail left SENDING by a crashed dispatcher is claimed again.
 */
@ConfigurationProperties("sarnakh.mail")
public record MailSettings(String from, int batch, Duration firstRetryDelay, Duration maxRetryDelay, int maxAttempts,
    Duration sendingTimeout) {

  public MailSettings {
    from = from == null || from.isBlank() ? "sarnakh@localhost" : from.strip();
    batch = batch <= 0 ? 20 : batch;
    firstRetryDelay = firstRetryDelay == null ? Duration.ofSeconds(30) : firstRetryDelay;
    maxRetryDelay = maxRetryDelay == null ? Duration.ofHours(1) : maxRetryDelay;
    maxAttempts = maxAttempts <= 0 ? 12 : maxAttempts;
    sendingTimeout = sendingTimeout == null ? Duration.ofMinutes(5) : sendingTimeout;
  }

  /** The wait after the given failed attempt (1-based): first delay × 2^(attempt−1), at most the cap. */
  public Duration retryDelay(int attempt) {
    Duration d = firstRetryDelay;
    for (int i = 1; i < attempt && d.compareTo(maxRetryDelay) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : d;
  }
}
