package org.swarmmon.webconfig;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Basic auth in front of every endpoint (UI, API, admin, reload and metrics alike), answering as
 * exporter-toolkit does: 401 with {@code WWW-Authenticate: Basic} and the body "Unauthorized".
 */
public final class BasicAuthFilter implements Filter {

  private static final byte[] UNAUTHORIZED = "Unauthorized\n".getBytes(StandardCharsets.UTF_8);

  private final BasicAuth auth;

  public BasicAuthFilter(BasicAuth auth) {
    this.auth = auth;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!auth.allows(((HttpServletRequest) request).getHeader("Authorization"))) {
      HttpServletResponse http = (HttpServletResponse) response;
      http.setStatus(401);
      http.setHeader("WWW-Authenticate", "Basic");
      http.setContentType("text/plain; charset=utf-8");
      http.getOutputStream().write(UNAUTHORIZED);
      return;
    }
    chain.doFilter(request, response);
  }
}
