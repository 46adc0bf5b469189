package org.sarnakh.identity.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Credentials;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer …} with a session token or an API key. */
class BearerTokenFilter extends OncePerRequestFilter {

  private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private final Credentials credentials;
  private final Accessor access;
  private final ApiSecurityErrors errors;

  BearerTokenFilter(Credentials credentials, Accessor access, ApiSecurityErrors errors) {
    this.credentials = credentials;
    this.access = access;
    this.errors = errors;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      chain.doFilter(request, response);
      return;
    }
    var bearer = credentials.authenticate(header.substring(7).strip());
    if (bearer.isEmpty()) {
      errors.write(response, 401, "unauthorized", "Unauthorized", "the bearer token is unknown, expired or revoked");
      return;
    }
    if (!bearer.get().mayWrite() && !READ_METHODS.contains(request.getMethod())) {
      errors.write(response, 403, "forbidden", "Forbidden", "this API key has read scope only");
      return;
    }
    var principal = bearer.get().principal();
    access.remember(bearer.get().user());
    var auth = UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(auth);
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
