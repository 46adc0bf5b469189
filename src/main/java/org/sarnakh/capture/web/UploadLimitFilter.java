package org.sarnakh.capture.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.sarnakh.capture.ImportSettings;
import org.sarnakh.platform.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an import upload that declares more bytes than {@code sarnakh.import.max-upload} before a
 * byte of it is read or stored (413): a problem for the API, the error page for the wizard. An
 * upload without a declared length is cut off by the multipart limit instead. Depends on settings
 * only: filters are built with the web server, before the database may be touched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class UploadLimitFilter extends OncePerRequestFilter {

  /** Room for the other parts and the multipart framing around the file. */
  static final long OVERHEAD = 1024 * 1024;
  private final ImportSettings settings;

  UploadLimitFilter(ImportSettings settings) {
    this.settings = settings;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !"POST".equals(request.getMethod()) || !(path.equals("/api/v1/imports") || path.equals("/imports"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = settings.maxUpload().toBytes();
    if (request.getContentLengthLong() > limit + OVERHEAD) {
      String detail = "an import file may be at most " + (limit / (1024 * 1024)) + " MB";
      // The body is not read; the connection closes after the answer rather than swallowing gigabytes.
      response.setHeader("Connection", "close");
      if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
        Problems.write(response, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
            detail));
        // Sent now: the client is still busy sending the body and reads the answer as soon as it comes.
        response.flushBuffer();
      } else {
        response.sendError(HttpStatus.CONTENT_TOO_LARGE.value(), detail);
      }
      return;
    }
    chain.doFilter(request, response);
  }
}
