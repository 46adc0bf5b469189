package org.sarnakh.web;

import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/** Error attributes plus the domain's own explanation, written for users, when a page request failed with one. */
final class PageErrorAttributes extends DefaultErrorAttributes {

  static final String DETAIL = "sarnakh.error.detail";

  @Override
  public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
    Map<String, Object> attributes = super.getErrorAttributes(request, options);
    Object detail = request.getAttribute(DETAIL, RequestAttributes.SCOPE_REQUEST);
    if (detail instanceof String s) {
      attributes.put("detail", s);
    }
    return attributes;
  }
}
