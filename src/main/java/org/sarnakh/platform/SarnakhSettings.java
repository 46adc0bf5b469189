package org.sarnakh.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings every module shares. {@code publicUrl} is the base of every public link;
 * {@code defaultRegion} the ISO country used to read phone numbers typed without a country code.
 */
@ConfigurationProperties("sarnakh")
public record SarnakhSettings(String publicUrl, String defaultRegion) {

  public SarnakhSettings {
    publicUrl = publicUrl == null || publicUrl.isBlank() ? "http://localhost:8080" : publicUrl.replaceAll("/+$", "");
    defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? "IR" : defaultRegion;
  }
}
