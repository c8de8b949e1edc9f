package org.swarmmon.alertmanager.api;

/**
 * Checks the first JSON value of a request body as Go's {@code json.Decoder} reads it (what
 * go-swagger does for Alertmanager's API), so a malformed body gets Go's own words: {@code invalid
 * character 'g' looking for beginning of value}, {@code unexpected EOF}, ... Bytes after the first
 * complete value are ignored, as there. Iterative, so deep nesting cannot overflow the stack.
 */
final class GoJsonSyntax {

  /** The body holds nothing but white space (go-swagger then reports the body as missing). */
  static final String EMPTY = "EOF";
  static final String UNEXPECTED_EOF = "unexpected EOF";
  private static final int MAX_DEPTH = 10000;

  private final byte[] b;
  private int pos;

  private GoJsonSyntax(byte[] b) {
    this.b = b;
  }

  /** Null when the first value is well-formed, {@link #EMPTY}, or Go's error text. */
  static String check(byte[] body) {
    try {
      return new GoJsonSyntax(body).run();
    } catch (SyntaxError e) {
      return e.getMessage();
    }
  }

  private static final class SyntaxError extends Exception {
    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }

  private String run() throws SyntaxError {
    skipSpace();
    if (pos == b.length) {
      return EMPTY;
    }
    byte[] stack = new byte[MAX_DEPTH + 1];
    int depth = 0;
    while (true) {
      // a value starts here
      byte c = next();
      boolean done;
      if (c == '{' || c == '[') {
        if (depth >= MAX_DEPTH) {
          throw error(c, "exceeded max depth");
        }
        skipSpace();
        byte d = peek();
        if (c == '{' && d == '}' || c == '[' && d == ']') {
          pos++;
          done = true;
        } else {
          stack[depth++] = c;
          if (c == '{') {
            objectKey(d);
          }
          done = false;
        }
      } else {
        scalar(c);
        done = true;
      }
      while (done) {
        if (depth == 0) {
          return null;
        }
        skipSpace();
        byte d = next();
        if (stack[depth - 1] == '{') {
          if (d == ',') {
            skipSpace();
            objectKey(peek());
            done = false;
          } else if (d == '}') {
            depth--;
          } else {
            throw error(d, "after object key:value pair");
          }
        } else if (d == ',') {
          done = false;
        } else if (d == ']') {
          depth--;
        } else {
          throw error(d, "after array element");
        }
      }
      skipSpace();
      if (pos == b.length) {
        throw new SyntaxError(UNEXPECTED_EOF);
      }
    }
  }

  /** A key string and its colon; {@code first} is the byte at the current position. */
  private void objectKey(byte first) throws SyntaxError {
    if (first != '"') {
      throw error(first, "looking for beginning of object key string");
    }
    pos++;
    string();
    skipSpace();
    byte c = next();
    if (c != ':') {
      throw error(c, "after object key");
    }
  }

  private void scalar(byte c) throws SyntaxError {
    switch (c) {
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || c >= '0' && c <= '9') {
          number(c);
        } else {
          throw error(c, "looking for beginning of value");
        }
      }
    }
  }

  private void string() throws SyntaxError {
    while (true) {
      byte c = next();
      if (c == '"') {
        return;
      }
      if (c == '\\') {
        byte e = next();
        if (e == 'u') {
          for (int i = 0; i < 4; i++) {
            byte h = next();
            if (!(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F')) {
              throw error(h, "in \\u hexadecimal character escape");
            }
          }
        } else if ("\"\\/bfnrt".indexOf(e) < 0) {
          throw error(e, "in string escape code");
        }
      } else if (c >= 0 && c < 0x20) {
        throw error(c, "in string literal");
      }
    }
  }

  private void literal(String word) throws SyntaxError {
    for (int i = 1; i < word.length(); i++) {
      byte c = next();
      if (c != word.charAt(i)) {
        throw error(c, "in literal " + word + " (expecting '" + word.charAt(i) + "')");
      }
    }
  }

  /** A number ends at the first byte that cannot continue it; that byte is left for the caller. */
  private void number(byte first) throws SyntaxError {
    byte c = first;
    if (c == '-') {
      c = nextInNumber();
      if (!(c >= '0' && c <= '9')) {
        throw error(c, "in numeric literal");
      }
    }
    if (c != '0') {
      skipDigits();
    }
    if (pos < b.length && b[pos] == '.') {
      pos++;
      c = nextInNumber();
      if (!(c >= '0' && c <= '9')) {
        throw error(c, "after decimal point in numeric literal");
      }
      skipDigits();
    }
    if (pos < b.length && (b[pos] == 'e' || b[pos] == 'E')) {
      pos++;
      c = nextInNumber();
      if (c == '+' || c == '-') {
        c = nextInNumber();
      }
      if (!(c >= '0' && c <= '9')) {
        throw error(c, "in exponent of numeric literal");
      }
      skipDigits();
    }
  }

  /** A top-level number may end at the end of the body; inside a container that is an early EOF anyway. */
  private byte nextInNumber() throws SyntaxError {
    return next();
  }

  private void skipDigits() {
    while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
      pos++;
    }
  }

  private void skipSpace() {
    while (pos < b.length && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\n' || b[pos] == '\r')) {
      pos++;
    }
  }

  private byte next() throws SyntaxError {
    if (pos == b.length) {
      throw new SyntaxError(UNEXPECTED_EOF);
    }
    return b[pos++];
  }

  private byte peek() throws SyntaxError {
    if (pos == b.length) {
      throw new SyntaxError(UNEXPECTED_EOF);
    }
    return b[pos];
  }

  private static SyntaxError error(byte c, String context) {
    return new SyntaxError("invalid character " + quoteChar(c) + " " + context);
  }

  /** Go's quoteChar: the byte as a rune (U+0000..U+00FF) quoted as strconv.Quote does. */
  static String quoteChar(byte b) {
    int c = b & 0xff;
    if (c == '\'') {
      return "'\\''";
    }
    if (c == '"') {
      return "'\"'";
    }
    String s = switch (c) {
      case 7 -> "\\a";
      case 8 -> "\\b";
      case 9 -> "\\t";
      case 10 -> "\\n";
      case 11 -> "\\v";
      case 12 -> "\\f";
      case 13 -> "\\r";
      case '\\' -> "\\\\";
      default -> {
        if (c < 0x20 || c == 0x7f) {
          yield String.format("\\x%02x", c);
        }
        if (c >= 0x80 && c <= 0xa0 || c == 0xad) {
          yield String.format("\\u%04x", c);
        }
        yield String.valueOf((char) c);
      }
    };
    return "'" + s + "'";
  }
}
