package org.swarmmon.gotemplate;

import java.util.ArrayList;
import java.util.List;

/** Splits a template's text into items, as Go's text/template/parse lexer does. */
final class Lexer {

  enum Type {
    TEXT, LEFT_DELIM, RIGHT_DELIM, SPACE, IDENTIFIER, FIELD, VARIABLE, DOT, STRING, RAW_STRING,
    CHAR, NUMBER, BOOL, NIL, PIPE, LEFT_PAREN, RIGHT_PAREN, DECLARE, ASSIGN, COMMA, KEYWORD, EOF
  }

  record Item(Type type, String text, int pos) {}

  private static final String LEFT = "{{";
  private static final String RIGHT = "}}";
  private static final List<String> KEYWORDS = List.of(
      "block", "break", "continue", "define", "else", "end", "if", "range", "template", "with");

  private final String name;
  private final String input;
  private final List<Item> items = new ArrayList<>();
  private int pos;
  private int parenDepth;

  private Lexer(String name, String input) {
    this.name = name;
    this.input = input;
  }

  static List<Item> lex(String name, String input) {
    Lexer lexer = new Lexer(name, input);
    lexer.run();
    return lexer.items;
  }

  private void run() {
    while (pos < input.length()) {
      int next = input.indexOf(LEFT, pos);
      if (next < 0) {
        emitText(input.substring(pos), pos);
        pos = input.length();
        break;
      }
      String text = input.substring(pos, next);
      boolean trimBefore = hasLeftTrim(next);
      if (trimBefore) {
        text = stripTrailing(text);
      }
      emitText(text, pos);
      pos = next;
      lexAction(trimBefore);
    }
    items.add(new Item(Type.EOF, "", input.length()));
  }

  private void emitText(String text, int at) {
    if (!text.isEmpty()) {
      items.add(new Item(Type.TEXT, text, at));
    }
  }

  private boolean hasLeftTrim(int at) {
    int p = at + LEFT.length();
    return p + 1 < input.length() && input.charAt(p) == '-' && isSpace(input.charAt(p + 1));
  }

  private boolean atRightDelim() {
    if (input.startsWith(RIGHT, pos)) {
      return true;
    }
    return pos + 1 < input.length() && isSpace(input.charAt(pos)) && input.startsWith("-" + RIGHT, pos + 1);
  }

  private void lexAction(boolean trimBefore) {
    int start = pos;
    pos += LEFT.length();
    if (trimBefore) {
      pos += 2;
    }
    // comments: {{/* ... */}} with optional trim markers
    int commentAt = pos;
    if (input.startsWith("/*", commentAt)) {
      int end = input.indexOf("*/", commentAt + 2);
      if (end < 0) {
        throw error(start, "unclosed comment");
      }
      pos = end + 2;
      boolean trimAfter = false;
      if (input.startsWith(" -" + RIGHT, pos)) {
        trimAfter = true;
        pos += 2 + RIGHT.length();
      } else if (input.startsWith(RIGHT, pos)) {
        pos += RIGHT.length();
      } else {
        throw error(start, "comment ends before closing delimiter");
      }
      if (trimAfter) {
        skipLeadingSpace();
      }
      return;
    }
    items.add(new Item(Type.LEFT_DELIM, LEFT, start));
    parenDepth = 0;
    while (true) {
      if (pos >= input.length()) {
        throw error(pos, "unclosed action");
      }
      if (atRightDelim() && parenDepth == 0) {
        boolean trimAfter = !input.startsWith(RIGHT, pos);
        if (trimAfter) {
          pos += 2;
        }
        items.add(new Item(Type.RIGHT_DELIM, RIGHT, pos));
        pos += RIGHT.length();
        if (trimAfter) {
          skipLeadingSpace();
        }
        return;
      }
      if (atRightDelim() && parenDepth > 0) {
        throw error(pos, "unclosed left paren");
      }
      lexInsideAction();
    }
  }

  private void skipLeadingSpace() {
    while (pos < input.length() && isSpace(input.charAt(pos))) {
      pos++;
    }
  }

  private void lexInsideAction() {
    char c = input.charAt(pos);
    int start = pos;
    if (isSpace(c)) {
      while (pos < input.length() && isSpace(input.charAt(pos)) && !atRightDelim()) {
        pos++;
      }
      if (pos == start) {
        pos++;
      }
      items.add(new Item(Type.SPACE, input.substring(start, pos), start));
      return;
    }
    switch (c) {
      case '=' -> {
        pos++;
        items.add(new Item(Type.ASSIGN, "=", start));
      }
      case ':' -> {
        if (pos + 1 >= input.length() || input.charAt(pos + 1) != '=') {
          throw error(pos, "expected :=");
        }
        pos += 2;
        items.add(new Item(Type.DECLARE, ":=", start));
      }
      case '|' -> {
        pos++;
        items.add(new Item(Type.PIPE, "|", start));
      }
      case '"' -> lexQuote(start);
      case '`' -> lexRawQuote(start);
      case '\'' -> lexChar(start);
      case '$' -> {
        pos++;
        while (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
          pos++;
        }
        items.add(new Item(Type.VARIABLE, input.substring(start, pos), start));
      }
      case '.' -> {
        if (pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1))) {
          lexNumber(start);
          return;
        }
        pos++;
        if (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
          while (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
            pos++;
          }
          items.add(new Item(Type.FIELD, input.substring(start, pos), start));
        } else {
          items.add(new Item(Type.DOT, ".", start));
        }
      }
      case '(' -> {
        pos++;
        parenDepth++;
        items.add(new Item(Type.LEFT_PAREN, "(", start));
      }
      case ')' -> {
        pos++;
        parenDepth--;
        if (parenDepth < 0) {
          throw error(start, "unexpected right paren");
        }
        items.add(new Item(Type.RIGHT_PAREN, ")", start));
      }
      case ',' -> {
        pos++;
        items.add(new Item(Type.COMMA, ",", start));
      }
      default -> {
        if (c == '+' || c == '-' || Character.isDigit(c)) {
          lexNumber(start);
        } else if (isAlphaNumeric(c)) {
          while (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
            pos++;
          }
          String word = input.substring(start, pos);
          Type type;
          if (KEYWORDS.contains(word)) {
            type = Type.KEYWORD;
          } else if (word.equals("true") || word.equals("false")) {
            type = Type.BOOL;
          } else if (word.equals("nil")) {
            type = Type.NIL;
          } else {
            type = Type.IDENTIFIER;
          }
          items.add(new Item(type, word, start));
        } else {
          throw error(pos, "unrecognized character in action: " + GoStrconv.quoteRune(c));
        }
      }
    }
  }

  private void lexNumber(int start) {
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (isAlphaNumeric(c) || c == '.' || c == '+' || c == '-') {
        if ((c == '+' || c == '-') && pos > start) {
          char prev = Character.toLowerCase(input.charAt(pos - 1));
          if (prev != 'e' && prev != 'p') {
            break;
          }
        }
        pos++;
      } else {
        break;
      }
    }
    items.add(new Item(Type.NUMBER, input.substring(start, pos), start));
  }

  private void lexQuote(int start) {
    pos++;
    while (true) {
      if (pos >= input.length() || input.charAt(pos) == '\n') {
        throw error(start, "unterminated quoted string");
      }
      char c = input.charAt(pos++);
      if (c == '\\') {
        if (pos >= input.length()) {
          throw error(start, "unterminated quoted string");
        }
        pos++;
      } else if (c == '"') {
        break;
      }
    }
    items.add(new Item(Type.STRING, input.substring(start, pos), start));
  }

  private void lexRawQuote(int start) {
    int end = input.indexOf('`', pos + 1);
    if (end < 0) {
      throw error(start, "unterminated raw quoted string");
    }
    pos = end + 1;
    items.add(new Item(Type.RAW_STRING, input.substring(start, pos), start));
  }

  private void lexChar(int start) {
    pos++;
    while (true) {
      if (pos >= input.length() || input.charAt(pos) == '\n') {
        throw error(start, "unterminated character constant");
      }
      char c = input.charAt(pos++);
      if (c == '\\') {
        pos++;
      } else if (c == '\'') {
        break;
      }
    }
    items.add(new Item(Type.CHAR, input.substring(start, pos), start));
  }

  private TemplateException error(int at, String message) {
    return new TemplateException("template: " + name + ":" + line(input, at) + ": " + message);
  }

  static int line(String text, int pos) {
    int line = 1;
    for (int i = 0; i < pos && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String stripTrailing(String text) {
    int end = text.length();
    while (end > 0 && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isAlphaNumeric(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }
}
