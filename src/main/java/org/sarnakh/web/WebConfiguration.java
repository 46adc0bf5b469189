package org.sarnakh.web;

import org.sarnakh.identity.Accessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The page shell's wiring: language per user, the shell's model, and error pages for page requests. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

  private final Accessor access;

  WebConfiguration(Accessor access) {
    this.access = access;
  }

  @Bean
  LocaleResolver localeResolver() {
    return new PageLocale(access);
  }

  @Bean
  PageErrorAttributes errorAttributes() {
    return new PageErrorAttributes();
  }

  @Bean
  PageErrors pageErrors() {
    return new PageErrors();
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new PageModel(access)).excludePathPatterns("/api/**", "/webjars/**", "/css/**", "/js/**",
        "/fonts/**");
  }
}
