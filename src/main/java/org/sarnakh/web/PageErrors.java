package org.sarnakh.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidValue;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.RuleViolation;
import org.sarnakh.platform.StaleVersion;
import org.sarnakh.platform.web.PageErrorAttribute;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * For page requests, the domain's outcomes become the matching error page (404, 409, 412, 400,
 * 422) instead of a 500. API requests never get here: their problem details are written first.
 * Access denials are left to Spring Security, which shows the 403 page or asks to sign in.
 */
final class PageErrors implements HandlerExceptionResolver, Ordered {

  @Override
  public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
      @Nullable Object handler, Exception e) {
    int status;
    if (e instanceof NotFound) {
      status = 404;
    } else if (e instanceof StaleVersion) {
      status = 412;
    } else if (e instanceof DomainConflict) {
      status = 409;
    } else if (e instanceof RuleViolation) {
      status = 422;
    } else if (e instanceof InvalidInput || e instanceof InvalidValue) {
      status = 400;
    } else {
      return null;
    }
    try {
      request.setAttribute(PageErrorAttribute.DETAIL, e.getMessage());
      response.sendError(status);
    } catch (IOException io) {
      throw new UncheckedIOException(io);
    }
    return new ModelAndView();
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE - 10;
  }
}
