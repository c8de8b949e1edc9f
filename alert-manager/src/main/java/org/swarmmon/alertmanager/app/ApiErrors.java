package org.swarmmon.alertmanager.app;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Unknown API paths and methods answered as go-swagger's router does, e.g. {"code":404,"message":"path /api/v2/x was not found"}. */
@RestControllerAdvice
public class ApiErrors {

  @ExceptionHandler(NoResourceFoundException.class)
  public ResponseEntity<Object> notFound(NoResourceFoundException e, HttpServletRequest request) throws Exception {
    if (!isApi(request)) {
      throw e;
    }
    return error(404, "path " + request.getRequestURI() + " was not found", null);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  public ResponseEntity<Object> methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletRequest request)
      throws Exception {
    if (!isApi(request)) {
      throw e;
    }
    Set<String> allowed = new TreeSet<>();
    if (e.getSupportedHttpMethods() != null) {
      e.getSupportedHttpMethods().forEach(m -> allowed.add(m.name()));
    }
    allowed.remove("HEAD");
    allowed.remove("OPTIONS");
    String list = String.join(",", allowed);
    return error(405, "method " + e.getMethod() + " is not allowed, but [" + list + "] are", list);
  }

  private static boolean isApi(HttpServletRequest request) {
    return request.getRequestURI().startsWith("/api/");
  }

  private static ResponseEntity<Object> error(int status, String message, String allow) {
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
    if (allow != null) {
      builder.header(HttpHeaders.ALLOW, allow);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", status);
    body.put("message", message);
    return builder.body(body);
  }
}
