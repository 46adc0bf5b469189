package org.sarnakh.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Gives every rendered page what the shell needs: the signed-in user, the language and writing
 * direction, and the path (for the active navigation entry).
 */
final class PageModel implements HandlerInterceptor {

  private final Accessor access;

  PageModel(Accessor access) {
    this.access = access;
  }

  @Override
  public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
      @Nullable ModelAndView mav) {
    if (mav == null || mav.getViewName() == null || mav.getViewName().startsWith("redirect:")) {
      return;
    }
    Locale locale = RequestContextUtils.getLocale(request);
    mav.addObject("me", access.signedIn().orElse(null));
    mav.addObject("lang", locale.getLanguage());
    mav.addObject("dir", PageLocale.rightToLeft(locale) ? "rtl" : "ltr");
    mav.addObject("path", request.getRequestURI().substring(request.getContextPath().length()));
  }
}
