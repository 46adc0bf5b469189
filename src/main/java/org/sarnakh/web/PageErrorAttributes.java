package org.sarnakh.web;

import java.util.Map;
import org.sarnakh.platform.web.PageErrorAttribute;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/** Error attributes plus the domain's own explanation, written for users, when a page request failed with one. */
final class PageErrorAttributes extends DefaultErrorAttributes {

  @Override
  public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
    Map<String, Object> attributes = super.getErrorAttributes(request, options);
    if (request.getAttribute(PageErrorAttribute.DETAIL, RequestAttributes.SCOPE_REQUEST) instanceof String detail) {
      attributes.put("detail", detail);
    }
    if (request.getAttribute(PageErrorAttribute.REASON, RequestAttributes.SCOPE_REQUEST) instanceof String reason) {
      attributes.put("reason", reason);
    }
    return attributes;
  }
}
