package org.sarnakh.tracking;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sarnakh.tracking.*}: page views and pixel/click hits each source address may send per
 * minute (default 600: a busy office behind one address), and whether limits apply at all (load tests lift them).
 */
@ConfigurationProperties("sarnakh.tracking")
public record TrackingSettings(Integer perAddressPerMinute, Boolean rateLimits) {

  public TrackingSettings {
    perAddressPerMinute = perAddressPerMinute == null ? 600 : perAddressPerMinute;
    rateLimits = rateLimits == null || rateLimits;
  }
}
