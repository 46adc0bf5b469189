package org.sarnakh.capture.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.sarnakh.capture.WebForms;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsUtils;

/**
 * CORS of {@code /f/{key}/…}: a browser may read and post a form from the form's allowed origins
 * (and from Sarnakh's own public address); every other cross-site request, preflight or not, is
 * refused before it reaches the form. Same-site requests are not CORS and pass untouched.
 */
final class FormCors implements CorsConfigurationSource {

  private final WebForms forms;
  private final String self;

  FormCors(WebForms forms, String publicUrl) {
    this.forms = forms;
    java.net.URI base = java.net.URI.create(publicUrl);
    this.self = (base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort()))
        .toLowerCase(Locale.ROOT);
  }

  @Override
  public @Nullable CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
    if (!CorsUtils.isCorsRequest(request)) {
      return null;
    }
    String[] path = request.getRequestURI().substring(request.getContextPath().length()).split("/");
    List<String> origins = new ArrayList<>(List.of(self));
    if (path.length >= 3) {
      forms.active(path[2]).ifPresent(f -> origins.addAll(f.allowedOrigins()));
    }
    CorsConfiguration c = new CorsConfiguration();
    c.setAllowedOrigins(origins);
    c.setAllowedMethods(List.of("GET", "POST"));
    c.setAllowedHeaders(List.of("Content-Type", "Accept"));
    c.setAllowCredentials(false);
    c.setMaxAge(600L);
    return c;
  }
}
