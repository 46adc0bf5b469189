package org.sarnakh.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidValue;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.RuleViolation;
import org.sarnakh.platform.StaleVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error of the HTTP API becomes an RFC 9457 problem; pages get the ordinary error page. No
 * stack trace or internal class name ever reaches a client.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(InvalidValue.class)
  ResponseEntity<Object> invalidValue(InvalidValue e, HttpServletRequest request) throws InvalidValue {
    apiOnly(e, request);
    return respond(Problems.validation(List.of(Problems.fieldError(e.field(), e.getMessage()))));
  }

  @ExceptionHandler(InvalidInput.class)
  ResponseEntity<Object> invalidInput(InvalidInput e, HttpServletRequest request) throws InvalidInput {
    apiOnly(e, request);
    return respond(Problems.validation(
        e.problems().stream().map(p -> Problems.fieldError(p.field(), p.message())).toList()));
  }

  /** The domain's own outcomes, each with its status and stable problem type. */
  @ExceptionHandler({NotFound.class, DomainConflict.class, StaleVersion.class, RuleViolation.class,
      PayloadTooLarge.class})
  ResponseEntity<Object> outcome(RuntimeException e, HttpServletRequest request) {
    apiOnly(e, request);
    ProblemDetail problem;
    if (e instanceof NotFound) {
      problem = Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    } else if (e instanceof DomainConflict c) {
      problem = Problems.of(HttpStatus.CONFLICT, c.type(), "Conflict", e.getMessage());
      c.properties().forEach(problem::setProperty);
    } else if (e instanceof StaleVersion) {
      problem = Problems.of(HttpStatus.PRECONDITION_FAILED, "stale-version", "Stale version", e.getMessage());
    } else if (e instanceof RuleViolation r) {
      problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, r.type(), "Refused by a business rule", e.getMessage());
      if (!r.problems().isEmpty()) {
        problem.setProperty("errors", r.problems().stream().map(p -> Problems.fieldError(p.field(), p.message())).toList());
      }
    } else {
      problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", e.getMessage());
    }
    return respond(problem);
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<Object> denied(AccessDeniedException e, HttpServletRequest request) throws AccessDeniedException {
    apiOnly(e, request);
    return respond(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "your role does not allow this"));
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<Object> integrity(DataIntegrityViolationException e, HttpServletRequest request)
      throws DataIntegrityViolationException {
    apiOnly(e, request);
    log.info("integrity violation on {}: {}", request.getRequestURI(), e.getMostSpecificCause().getMessage());
    return respond(Problems.of(HttpStatus.CONFLICT, "conflict", "Conflict",
        "the change conflicts with existing data (a duplicate or a reference to a missing record)"));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) throws Exception {
    apiOnly(e, request);
    log.error("unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "server-error", "Server error",
        "an unexpected error occurred; it has been logged"));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<Map<String, String>> errors = new ArrayList<>();
    e.getBindingResult().getFieldErrors().forEach(f ->
        errors.add(Problems.fieldError(f.getField(), f.getDefaultMessage() == null ? "invalid" : f.getDefaultMessage())));
    e.getBindingResult().getGlobalErrors().forEach(g ->
        errors.add(Problems.fieldError(g.getObjectName(), g.getDefaultMessage() == null ? "invalid" : g.getDefaultMessage())));
    return respond(Problems.validation(errors));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<Map<String, String>> errors = new ArrayList<>();
    e.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err ->
        errors.add(Problems.fieldError(r.getMethodParameter().getParameterName() == null
            ? "parameter" : r.getMethodParameter().getParameterName(),
            err.getDefaultMessage() == null ? "invalid" : err.getDefaultMessage()))));
    return respond(Problems.validation(errors));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    PayloadTooLarge tooLarge = causeOf(e, PayloadTooLarge.class);
    if (tooLarge != null) {
      return respond(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", tooLarge.getMessage()));
    }
    JacksonException json = causeOf(e, JacksonException.class);
    if (json != null && !json.getPath().isEmpty()) {
      String field = json.getPathReference();
      StringBuilder path = new StringBuilder();
      json.getPath().forEach(ref -> {
        if (ref.getPropertyName() != null) {
          path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
        } else if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        }
      });
      field = path.isEmpty() ? field : path.toString();
      String message = json instanceof tools.jackson.databind.exc.UnrecognizedPropertyException
          ? "unknown field" : "wrong type or format";
      return respond(Problems.validation(List.of(Problems.fieldError(field, message))));
    }
    return respond(Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
        "the request body is missing or is not valid JSON"));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleExceptionInternal(
      Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (request instanceof ServletWebRequest servlet && !isApi(servlet.getRequest())) {
      // Pages: leave the response to the container's error page.
      return null;
    }
    String detail;
    if (e instanceof MethodArgumentTypeMismatchException m) {
      detail = "parameter " + m.getName() + " has the wrong format";
    } else if (body instanceof ProblemDetail p && p.getDetail() != null) {
      detail = p.getDetail();
    } else {
      detail = status.toString();
    }
    ProblemDetail problem = Problems.of(status, Problems.typeFor(status),
        HttpStatus.resolve(status.value()) == null ? "Error" : HttpStatus.resolve(status.value()).getReasonPhrase(),
        detail);
    return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private static ResponseEntity<Object> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  static boolean isApi(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith("/api/");
  }

  /** Pages get the ordinary error handling (error page, login redirect): the exception goes on. */
  private static <E extends Exception> void apiOnly(E e, HttpServletRequest request) throws E {
    if (!isApi(request)) {
      throw e;
    }
  }

  private static <T extends Throwable> @Nullable T causeOf(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
