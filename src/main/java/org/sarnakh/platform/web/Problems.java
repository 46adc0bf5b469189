package org.sarnakh.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details with Sarnakh's stable type URIs. */
public final class Problems {

  public static final String BASE = "https://sarnakh.org/problems/";

  private Problems() {}

  public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(BASE + type));
    problem.setTitle(title);
    return problem;
  }

  public static ProblemDetail validation(List<Map<String, String>> errors) {
    ProblemDetail problem =
        of(HttpStatus.BAD_REQUEST, "validation", "Invalid input",
            errors.isEmpty() ? "the input is invalid" : errors.get(0).get("field") + ": " + errors.get(0).get("message"));
    problem.setProperty("errors", errors);
    return problem;
  }

  /**
   * Writes a problem as the API's advice does (through Spring's ProblemDetail mix-in): its members
   * and its extra properties side by side, nothing null. For filters that answer before MVC does.
   */
  public static void write(jakarta.servlet.http.HttpServletResponse response, ProblemDetail problem)
      throws java.io.IOException {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("type", problem.getType().toString());
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    if (problem.getDetail() != null) {
      body.put("detail", problem.getDetail());
    }
    if (problem.getInstance() != null) {
      body.put("instance", problem.getInstance().toString());
    }
    if (problem.getProperties() != null) {
      body.putAll(problem.getProperties());
    }
    response.setStatus(problem.getStatus());
    response.setContentType("application/problem+json");
    JSON.writeValue(response.getOutputStream(), body);
  }

  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  public static Map<String, String> fieldError(String field, String message) {
    return Map.of("field", field, "message", message);
  }

  /** The type name used for a plain HTTP status with no more specific cause. */
  public static String typeFor(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> "bad-request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 409 -> "conflict";
      case 412 -> "precondition-failed";
      case 413 -> "payload-too-large";
      case 415 -> "unsupported-media-type";
      case 422 -> "unprocessable";
      case 428 -> "precondition-required";
      case 429 -> "rate-limited";
      default -> status.is5xxServerError() ? "server-error" : "http-" + status.value();
    };
  }
}
