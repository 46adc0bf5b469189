package org.sarnakh.capture;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sarnakh.forms.*}: submissions each source address may send per minute to all forms
 * (default 10), each form may take per minute unless the form says otherwise (default 600), how
 * long the one-time token of a rendered form stays valid (default a day), and whether the limits
 * apply at all (load tests lift them).
 */
@ConfigurationProperties("sarnakh.forms")
public record FormSettings(Integer perAddressPerMinute, Integer perFormPerMinute, Duration tokenLifetime,
    Boolean rateLimits) {

  public FormSettings {
    perAddressPerMinute = perAddressPerMinute == null ? 10 : perAddressPerMinute;
    perFormPerMinute = perFormPerMinute == null ? 600 : perFormPerMinute;
    tokenLifetime = tokenLifetime == null ? Duration.ofDays(1) : tokenLifetime;
    rateLimits = rateLimits == null || rateLimits;
  }
}
