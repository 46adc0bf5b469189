package org.sarnakh.capture.web;

import org.sarnakh.capture.WebForms;
import org.sarnakh.platform.SarnakhSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The public form pages ({@code /f/**}): posted from other sites and by visitors who never sign
 * in, so no session and no CSRF token; each post carries the form's signed one-time token instead,
 * and CORS is answered for the form's allowed origins only ({@link FormCors}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class FormSecurity {

  @Bean
  @Order(0)
  SecurityFilterChain publicFormsChain(HttpSecurity http, WebForms forms, SarnakhSettings settings) throws Exception {
    http.securityMatcher("/f/**")
        .cors(c -> c.configurationSource(new FormCors(forms, settings.publicUrl())))
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
}
