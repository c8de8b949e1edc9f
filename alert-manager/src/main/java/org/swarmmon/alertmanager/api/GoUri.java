package org.swarmmon.alertmanager.api;

/**
 * The {@code uri} format of go-openapi strfmt: what Go's {@code url.ParseRequestURI} accepts (an
 * absolute URI or an absolute path; host, port and percent-escapes checked as Go checks them).
 */
final class GoUri {

  private GoUri() {}

  static boolean isRequestUri(String raw) {
    if (raw.isEmpty()) {
      return false;
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return false;
      }
    }
    String rest = raw;
    String scheme = scheme(raw);
    if (scheme == null) {
      return false;
    }
    rest = rest.substring(scheme.isEmpty() ? 0 : scheme.length() + 1);
    if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
      rest = rest.substring(0, rest.length() - 1);
    } else if (rest.indexOf('?') >= 0) {
      rest = rest.substring(0, rest.indexOf('?'));
    }
    if (!rest.startsWith("/")) {
      return !scheme.isEmpty();
    }
    if (!scheme.isEmpty() && rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
      rest = slash < 0 ? "" : rest.substring(slash);
      if (!authority(authority)) {
        return false;
      }
    }
    return escapesValid(rest);
  }

  /** The scheme, "" when there is none, null when Go refuses the start (a colon first). */
  private static String scheme(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
        continue;
      }
      if (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
        if (i == 0) {
          return "";
        }
        continue;
      }
      if (c == ':') {
        return i == 0 ? null : raw.substring(0, i);
      }
      return "";
    }
    return "";
  }

  private static boolean authority(String authority) {
    int at = authority.lastIndexOf('@');
    String host = at < 0 ? authority : authority.substring(at + 1);
    if (at >= 0) {
      String userinfo = authority.substring(0, at);
      for (int i = 0; i < userinfo.length(); i++) {
        char c = userinfo.charAt(i);
        if (!(Character.isLetterOrDigit(c) || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0)) {
          return false;
        }
      }
    }
    String port;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        return false;
      }
      port = host.substring(close + 1);
      if (!port.isEmpty() && !port.startsWith(":")) {
        return false;
      }
      host = host.substring(0, close + 1);
    } else {
      int colon = host.lastIndexOf(':');
      port = colon < 0 ? "" : host.substring(colon);
      host = colon < 0 ? host : host.substring(0, colon);
    }
    for (int i = 1; i < port.length(); i++) {
      if (port.charAt(i) < '0' || port.charAt(i) > '9') {
        return false;
      }
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean ok = c >= 0x80 || Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:[]%\"<>".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return escapesValid(host);
  }

  private static boolean escapesValid(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '%') {
        if (i + 2 >= s.length() || !hex(s.charAt(i + 1)) || !hex(s.charAt(i + 2))) {
          return false;
        }
        i += 2;
      }
    }
    return true;
  }

  private static boolean hex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
