package org.sarnakh.identity.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Credentials;
import org.sarnakh.identity.LoginThrottle;
import org.sarnakh.identity.SarnakhPrincipal;
import org.sarnakh.identity.Role;
import org.sarnakh.platform.web.PageErrorAttribute;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.jooq.DSLContext;
import static org.sarnakh.platform.db.Tables.APP_USER;

/** Two chains: a stateless bearer-token API under {@code /api}, and session pages with form login and CSRF. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

  private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
      + "script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

  @Bean
  UserDetailsService userDetailsService(DSLContext db) {
    return email -> db.selectFrom(APP_USER).where(APP_USER.EMAIL.eq(email.strip().toLowerCase(java.util.Locale.ROOT)))
        .fetchOptional()
        .map(u -> new SarnakhPrincipal(u.getId(), u.getEmail(), Role.valueOf(u.getRole()), u.getActive(),
            u.getPasswordHash() == null ? "{noop}" + java.util.UUID.randomUUID() + "-no-password" : u.getPasswordHash()))
        .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
  }

  /**
   * Public tracking (snippet, page views, open pixel, click redirects) and unsubscribe links: reached
   * from other sites and mail clients (RFC 8058 one-click posts carry no CSRF token), without a
   * session; each endpoint checks its own signed token or site key.
   */
  @Bean
  @Order(0)
  SecurityFilterChain tracking(HttpSecurity http) throws Exception {
    http.securityMatcher("/t/**", "/u/**")
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .securityContext(c -> c.disable())
        .formLogin(f -> f.disable())
        .httpBasic(b -> b.disable())
        .logout(l -> l.disable())
        .anonymous(a -> a.disable())
        .authorizeHttpRequests(a -> a.anyRequest().permitAll());
    return http.build();
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, Credentials credentials, Accessor access, ApiSecurityErrors errors)
      throws Exception {
    http.securityMatcher("/api/**")
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .formLogin(f -> f.disable())
        .httpBasic(b -> b.disable())
        .logout(l -> l.disable())
        .addFilterBefore(new BearerTokenFilter(credentials, access, errors), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(a -> a
            .requestMatchers(HttpMethod.POST, "/api/v1/auth/tokens").permitAll()
            .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**", "/api/docs", "/api/docs/**").permitAll()
            .anyRequest().authenticated())
        .exceptionHandling(e -> e
            .authenticationEntryPoint((req, res, ex) ->
                errors.write(res, 401, "unauthorized", "Unauthorized", "send Authorization: Bearer <token or API key>"))
            .accessDeniedHandler((req, res, ex) ->
                errors.write(res, 403, "forbidden", "Forbidden", "your role does not allow this")));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain pages(HttpSecurity http, LoginThrottle throttle) throws Exception {
    http.authorizeHttpRequests(a -> a
            .requestMatchers("/login", "/language", "/invite/**", "/error", "/css/**", "/js/**", "/fonts/**",
                "/webjars/**", "/favicon.ico", "/favicon.svg", "/actuator/health", "/actuator/health/**", "/swagger-ui/**", "/v3/api-docs/**")
            .permitAll()
            .anyRequest().authenticated())
        .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/leads", false)
            .failureHandler((req, res, ex) -> {
              throttle.failed(String.valueOf(req.getParameter("username")), req.getRemoteAddr());
              res.sendRedirect(req.getContextPath() + "/login?error");
            }))
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .addFilterBefore(new OncePerRequestFilter() {
          @Override
          protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
              throws ServletException, IOException {
            if ("POST".equals(req.getMethod()) && "/login".equals(req.getServletPath())
                && throttle.blocked(String.valueOf(req.getParameter("username")), req.getRemoteAddr())) {
              res.sendRedirect(req.getContextPath() + "/login?throttled");
              return;
            }
            chain.doFilter(req, res);
          }
        }, UsernamePasswordAuthenticationFilter.class)
        .exceptionHandling(e -> e.accessDeniedHandler((req, res, ex) -> {
          // A refused CSRF token is mostly an expired session or a form left open: say so, not "no right".
          if (ex instanceof CsrfException) {
            req.setAttribute(PageErrorAttribute.REASON, "csrf");
          }
          res.sendError(HttpServletResponse.SC_FORBIDDEN);
        }))
        .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP)));
    return http.build();
  }
}
