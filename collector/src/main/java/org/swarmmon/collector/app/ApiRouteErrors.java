package org.swarmmon.collector.app;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Unknown API paths and methods answered as Prometheus's router does: plain text, not Spring's error JSON. */
@RestControllerAdvice
public class ApiRouteErrors {

  @ExceptionHandler(NoResourceFoundException.class)
  public ResponseEntity<String> notFound(NoResourceFoundException e, HttpServletRequest request) throws Exception {
    if (!isApi(request)) {
      throw e;
    }
    return ResponseEntity.status(404).contentType(MediaType.TEXT_PLAIN).body("404 page not found\n");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  public ResponseEntity<String> methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletRequest request)
      throws Exception {
    if (!isApi(request)) {
      throw e;
    }
    return ResponseEntity.status(405).contentType(MediaType.TEXT_PLAIN).body("Method Not Allowed\n");
  }

  /** Under the route prefix (the servlet context path), if any. */
  private static boolean isApi(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length()).startsWith("/api/");
  }
}
