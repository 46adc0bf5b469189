package org.sarnakh.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.sarnakh.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes 401/403/429 problems from the security filters, which run before any controller advice. */
@Component
class ApiSecurityErrors {

  private final JsonMapper json = JsonMapper.builder().build();

  void write(HttpServletResponse response, int status, String type, String title, String detail) throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.valueOf(status), type, title, detail));
  }
}
