package org.sarnakh.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.sarnakh.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Writes 401/403/429 problems from the security filters, which run before any controller advice. */
@Component
class ApiSecurityErrors {


  void write(HttpServletResponse response, int status, String type, String title, String detail) throws IOException {
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    Problems.write(response, Problems.of(HttpStatus.valueOf(status), type, title, detail));
  }
}
