package org.swarmmon.collector.promql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.swarmmon.collector.promql.parser.Expr.AggregateExpr;
import org.swarmmon.collector.promql.parser.Expr.At;
import org.swarmmon.collector.promql.parser.Expr.BinaryExpr;
import org.swarmmon.collector.promql.parser.Expr.Call;
import org.swarmmon.collector.promql.parser.Expr.MatrixSelector;
import org.swarmmon.collector.promql.parser.Expr.NumberLiteral;
import org.swarmmon.collector.promql.parser.Expr.ParenExpr;
import org.swarmmon.collector.promql.parser.Expr.StringLiteral;
import org.swarmmon.collector.promql.parser.Expr.SubqueryExpr;
import org.swarmmon.collector.promql.parser.Expr.UnaryExpr;
import org.swarmmon.collector.promql.parser.Expr.VectorMatching;
import org.swarmmon.collector.promql.parser.Expr.VectorMatching.Cardinality;
import org.swarmmon.collector.promql.parser.Expr.VectorSelector;
import org.swarmmon.collector.promql.parser.Token.Kind;
import org.swarmmon.duration.PromDuration;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.MatchType;
import org.swarmmon.labels.Matcher;

/** A recursive-descent parser for PromQL with Prometheus 2.42's grammar, precedence and checks. */
final class Parser {

  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "atan2", "by", "without", "on",
      "ignoring", "group_left", "group_right", "bool", "offset", "start", "end");

  private final String input;
  private final List<Token> tokens;
  private int index;
  private final java.util.IdentityHashMap<Expr, Integer> positions = new java.util.IdentityHashMap<>();
  private final TypeChecks checks;
  /** Parsing a series selector, whose callers decide about selectors matching the empty set. */
  private boolean seriesSelector;

  private <T extends Expr> T at(T e, int pos) {
    positions.put(e, pos);
    return e;
  }

  private int posOf(Expr e) {
    Integer p = positions.get(e);
    return p == null ? 0 : p;
  }

  Parser(String input) {
    this.input = input;
    this.tokens = Lexer.lex(input);
    this.checks = new TypeChecks(input, positions);
  }

  /**
   * A series selector alone, as Prometheus's parser.ParseMetricSelector: any word names the
   * metric, nothing may follow, and its matchers may all match "".
   */
  Expr parseSeriesSelector() {
    seriesSelector = true;
    Token t = peek();
    Expr e;
    if (t.kind() == Kind.LEFT_BRACE) {
      e = selector("", t.pos());
    } else if (t.kind() == Kind.METRIC_IDENTIFIER
        || (t.kind() == Kind.IDENTIFIER && !isWord(t, "inf") && !isWord(t, "nan"))) {
      advance();
      e = selector(t.text(), t.pos());
    } else {
      throw unexpected(t, null);
    }
    if (peek().kind() != Kind.EOF) {
      throw unexpected(peek(), null);
    }
    return e;
  }

  Expr parse() {
    if (peek().kind() == Kind.EOF) {
      throw error(peek().pos(), "no expression found in input");
    }
    Expr e = expr(0);
    Token t = peek();
    if (t.kind() != Kind.EOF) {
      throw unexpected(t, null);
    }
    return e;
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  private Token advance() {
    return tokens.get(index++);
  }

  private ParseException error(int pos, String msg) {
    return new ParseException(input, pos, msg);
  }

  private ParseException unexpected(Token t, String context) {
    String msg = "unexpected " + t.describe();
    if (context != null) {
      msg += " in " + context;
    }
    return error(t.pos(), msg);
  }

  private ParseException unexpected(Token t, String context, String expected) {
    return error(t.pos(), "unexpected " + t.describe() + (context == null ? "" : " in " + context) + ", expected " + expected);
  }

  private Token expect(Kind kind, String context) {
    Token t = peek();
    if (t.kind() != kind) {
      throw unexpected(t, context, kind.desc);
    }
    return advance();
  }

  private static boolean isWord(Token t, String word) {
    return t.kind() == Kind.IDENTIFIER && t.text().equalsIgnoreCase(word);
  }

  private Expr expr(int minPrecedence) {
    Expr lhs = unary();
    while (true) {
      Token opToken = peek();
      BinaryOp op = BinaryOp.of(opToken);
      if (op == null || op.precedence() < minPrecedence) {
        return lhs;
      }
      advance();
      boolean returnBool = false;
      if (isWord(peek(), "bool")) {
        advance();
        returnBool = true;
      }
      List<String> matchingLabels = List.of();
      boolean on = false;
      boolean hasMatching = false;
      if (isWord(peek(), "on") || isWord(peek(), "ignoring")) {
        on = isWord(advance(), "on");
        hasMatching = true;
        matchingLabels = labelList();
      }
      Cardinality card = Cardinality.ONE_TO_ONE;
      List<String> include = List.of();
      if (!hasMatching && (isWord(peek(), "group_left") || isWord(peek(), "group_right"))) {
        throw unexpected(peek(), null);
      }
      if (isWord(peek(), "group_left") || isWord(peek(), "group_right")) {
        card = isWord(advance(), "group_left") ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
        if (peek().kind() == Kind.LEFT_PAREN) {
          include = labelList();
        }
      }
      Expr rhs = expr(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
      lhs = at(checks.binary(opToken, op, lhs, rhs, new VectorMatching(card, matchingLabels, on, include), returnBool,
          hasMatching), posOf(lhs));
    }
  }

  private Expr unary() {
    Token t = peek();
    if (t.kind() == Kind.ADD || t.kind() == Kind.SUB) {
      advance();
      Expr operand = expr(BinaryOp.POW.precedence());
      if (operand instanceof NumberLiteral n) {
        return at(t.kind() == Kind.SUB ? new NumberLiteral(-n.value()) : n, t.pos());
      }
      if (operand.type() != ValueType.SCALAR && operand.type() != ValueType.VECTOR) {
        throw error(t.pos(), "unary expression only allowed on expressions of type scalar or instant vector, got \""
            + operand.type().documented() + "\"");
      }
      return at(new UnaryExpr(t.kind() == Kind.SUB, operand), t.pos());
    }
    return postfix(primary());
  }

  private Expr primary() {
    Token t = peek();
    switch (t.kind()) {
      case NUMBER -> {
        advance();
        return at(new NumberLiteral(parseNumber(t)), t.pos());
      }
      case STRING -> {
        advance();
        return at(new StringLiteral(unquote(t)), t.pos());
      }
      case LEFT_PAREN -> {
        advance();
        Expr inner = expr(0);
        expect(Kind.RIGHT_PAREN, "paren expression");
        return at(new ParenExpr(inner), t.pos());
      }
      case LEFT_BRACE -> {
        return selector("", t.pos());
      }
      case METRIC_IDENTIFIER -> {
        advance();
        return selector(t.text(), t.pos());
      }
      case IDENTIFIER -> {
        String lower = t.text().toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("nan")) {
          advance();
          return at(new NumberLiteral(lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN), t.pos());
        }
        Aggregator agg = Aggregator.named(t.text());
        if (agg != null) {
          advance();
          return at(aggregate(agg, t), t.pos());
        }
        if (KEYWORDS.contains(lower)) {
          throw unexpected(t, null);
        }
        advance();
        if (peek().kind() == Kind.LEFT_PAREN) {
          return at(call(t), t.pos());
        }
        return selector(t.text(), t.pos());
      }
      default -> throw unexpected(t, null);
    }
  }

  private Expr postfix(Expr e) {
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.LEFT_BRACKET) {
        advance();
        long range = duration("");
        if (peek().kind() == Kind.COLON) {
          advance();
          long step = 0;
          if (peek().kind() == Kind.DURATION) {
            step = duration("subquery");
          }
          expect(Kind.RIGHT_BRACKET, "subquery selector");
          if (e.type() != ValueType.VECTOR) {
            throw error(posOf(e), "subquery is only allowed on instant vector, got " + e.type().apiName()
                + " instead");
          }
          e = at(new SubqueryExpr(e, range, step, 0, null), posOf(e));
        } else {
          expect(Kind.RIGHT_BRACKET, "matrix selector");
          if (!(e instanceof VectorSelector vs)) {
            throw error(t.pos(), "ranges only allowed for vector selectors");
          }
          if (vs.offsetMillis() != 0) {
            throw error(t.pos(), "no offset modifiers allowed before range");
          }
          if (vs.at() != null) {
            throw error(t.pos(), "no @ modifiers allowed before range");
          }
          e = at(new MatrixSelector(vs, range), posOf(e));
        }
      } else if (isWord(t, "offset")) {
        advance();
        boolean negative = false;
        if (peek().kind() == Kind.SUB) {
          advance();
          negative = true;
        } else if (peek().kind() == Kind.ADD) {
          advance();
        }
        long offset = duration("offset");
        if (negative) {
          offset = -offset;
        }
        e = at(withOffset(e, offset, t), posOf(e));
      } else if (t.kind() == Kind.AT) {
        advance();
        e = at(withAt(e, atModifier(), t), posOf(e));
      } else {
        return e;
      }
    }
  }

  private At atModifier() {
    Token t = peek();
    if (isWord(t, "start") || isWord(t, "end")) {
      advance();
      expect(Kind.LEFT_PAREN, "@ modifier");
      expect(Kind.RIGHT_PAREN, "@ modifier");
      return new At(isWord(t, "start") ? At.Kind.START : At.Kind.END, 0);
    }
    double sign = 1;
    if (t.kind() == Kind.SUB || t.kind() == Kind.ADD) {
      sign = t.kind() == Kind.SUB ? -1 : 1;
      advance();
    }
    Token n = peek();
    double v;
    if (n.kind() == Kind.NUMBER) {
      v = parseNumber(n);
    } else if (n.kind() == Kind.IDENTIFIER && (n.text().equalsIgnoreCase("inf") || n.text().equalsIgnoreCase("nan"))) {
      v = n.text().equalsIgnoreCase("inf") ? Double.POSITIVE_INFINITY : Double.NaN;
    } else {
      throw unexpected(n, "@", "timestamp");
    }
    advance();
    v *= sign;
    double ms = Math.rint(v * 1000);
    if (Double.isNaN(v) || Double.isInfinite(v) || ms >= 9.223372036854776E18 || ms < -9.223372036854776E18) {
      throw error(n.pos(), String.format(Locale.ROOT, "timestamp out of bounds for @ modifier: %f", v));
    }
    return new At(At.Kind.TIMESTAMP, Math.round(v * 1000));
  }

  private Expr withOffset(Expr e, long offset, Token t) {
    if (e instanceof VectorSelector vs) {
      if (vs.offsetMillis() != 0) {
        throw error(posOf(e), "offset may not be set multiple times");
      }
      return vs.withOffset(offset);
    }
    if (e instanceof MatrixSelector ms) {
      if (ms.selector().offsetMillis() != 0) {
        throw error(posOf(e), "offset may not be set multiple times");
      }
      return new MatrixSelector(ms.selector().withOffset(offset), ms.rangeMillis());
    }
    if (e instanceof SubqueryExpr sq) {
      if (sq.offsetMillis() != 0) {
        throw error(posOf(e), "offset may not be set multiple times");
      }
      return new SubqueryExpr(sq.expr(), sq.rangeMillis(), sq.stepMillis(), offset, sq.at());
    }
    throw error(posOf(e),
        "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
  }

  private Expr withAt(Expr e, At at, Token t) {
    if (e instanceof VectorSelector vs) {
      if (vs.at() != null) {
        throw error(posOf(e), "@ <timestamp> may not be set multiple times");
      }
      return vs.withAt(at);
    }
    if (e instanceof MatrixSelector ms) {
      if (ms.selector().at() != null) {
        throw error(posOf(e), "@ <timestamp> may not be set multiple times");
      }
      return new MatrixSelector(ms.selector().withAt(at), ms.rangeMillis());
    }
    if (e instanceof SubqueryExpr sq) {
      if (sq.at() != null) {
        throw error(posOf(e), "@ <timestamp> may not be set multiple times");
      }
      return new SubqueryExpr(sq.expr(), sq.rangeMillis(), sq.stepMillis(), sq.offsetMillis(), at);
    }
    throw error(posOf(e),
        "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
  }

  private long duration(String context) {
    Token t = peek();
    if (t.kind() != Kind.DURATION) {
      if (t.kind() == Kind.NUMBER && context.isEmpty()) {
        throw unexpected(t, "subquery or range selector", "duration");
      }
      if (context.equals("offset")) {
        throw unexpected(t, "offset", "duration");
      }
      throw unexpected(t, context.isEmpty() ? "subquery or range selector" : context);
    }
    advance();
    try {
      return PromDuration.parseMillis(t.text());
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw error(t.pos(), e.getMessage());
    }
  }

  private Expr selector(String name, int pos) {
    List<Matcher> matchers = new ArrayList<>();
    if (peek().kind() == Kind.LEFT_BRACE) {
      advance();
      while (peek().kind() != Kind.RIGHT_BRACE) {
        Token label = advance();
        if (label.kind() != Kind.IDENTIFIER) {
          throw unexpected(label, "label matching");
        }
        Token op = advance();
        MatchType type = switch (op.kind()) {
          case EQL -> MatchType.EQUAL;
          case NEQ -> MatchType.NOT_EQUAL;
          case EQL_REGEX -> MatchType.REGEX;
          case NEQ_REGEX -> MatchType.NOT_REGEX;
          default -> throw unexpected(op, "label matching", "label matching operator");
        };
        Token value = advance();
        if (value.kind() != Kind.STRING) {
          throw unexpected(value, "label matching", "string");
        }
        String text = unquote(value);
        try {
          matchers.add(Matcher.of(type, label.text(), text));
        } catch (IllegalArgumentException e) {
          throw error(label.pos(), e.getMessage());
        }
        if (peek().kind() == Kind.COMMA) {
          advance();
        } else if (peek().kind() != Kind.RIGHT_BRACE) {
          throw unexpected(peek(), "label matching", "\",\" or \"}\"");
        }
      }
      advance();
    }
    if (!name.isEmpty()) {
      for (Matcher m : matchers) {
        if (m.name().equals(Labels.METRIC_NAME)) {
          throw error(pos, "metric name must not be set twice: \"" + name + "\" or \"" + m.value() + "\"");
        }
      }
      matchers.add(Matcher.equal(Labels.METRIC_NAME, name));
    } else if (!seriesSelector && matchers.stream().allMatch(Matcher::matchesEmpty)) {
      throw error(pos, "vector selector must contain at least one non-empty matcher");
    }
    return at(new VectorSelector(name, List.copyOf(matchers), 0, null), pos);
  }

  private List<String> labelList() {
    expect(Kind.LEFT_PAREN, "grouping opts");
    List<String> labels = new ArrayList<>();
    while (peek().kind() != Kind.RIGHT_PAREN) {
      Token t = advance();
      if (t.kind() != Kind.IDENTIFIER) {
        throw unexpected(t, "grouping opts", "label");
      }
      labels.add(t.text());
      if (peek().kind() == Kind.COMMA) {
        advance();
      } else if (peek().kind() != Kind.RIGHT_PAREN) {
        throw unexpected(peek(), "grouping opts", "\",\" or \")\"");
      }
    }
    advance();
    return List.copyOf(labels);
  }

  private Expr aggregate(Aggregator op, Token opToken) {
    List<String> grouping = List.of();
    boolean without = false;
    boolean modifierSeen = false;
    if (isWord(peek(), "by") || isWord(peek(), "without")) {
      without = isWord(advance(), "without");
      grouping = labelList();
      modifierSeen = true;
    }
    if (peek().kind() != Kind.LEFT_PAREN) {
      throw unexpected(peek(), "aggregation", "\"(\"");
    }
    List<Expr> args = argList();
    if (!modifierSeen && (isWord(peek(), "by") || isWord(peek(), "without"))) {
      without = isWord(advance(), "without");
      grouping = labelList();
    }
    checks.aggregateArgs(opToken, op, args);
    Expr param = op.hasParam() ? args.get(0) : null;
    Expr e = args.get(args.size() - 1);
    return new AggregateExpr(op, e, param, grouping, without);
  }

  private List<Expr> argList() {
    expect(Kind.LEFT_PAREN, null);
    List<Expr> args = new ArrayList<>();
    if (peek().kind() == Kind.RIGHT_PAREN) {
      advance();
      return args;
    }
    while (true) {
      args.add(expr(0));
      Token t = peek();
      if (t.kind() == Kind.COMMA) {
        advance();
        if (peek().kind() == Kind.RIGHT_PAREN) {
          throw error(peek().pos(), "trailing commas not allowed in function call args");
        }
      } else if (t.kind() == Kind.RIGHT_PAREN) {
        advance();
        return args;
      } else {
        throw unexpected(t, null, "\",\" or \")\"");
      }
    }
  }

  private Expr call(Token name) {
    Function f = Function.named(name.text());
    if (f == null) {
      throw error(name.pos(), "unknown function with name \"" + name.text() + "\"");
    }
    List<Expr> args = argList();
    checks.callArgs(name, f, args);
    return new Call(f, List.copyOf(args));
  }

  private double parseNumber(Token t) {
    try {
      return GoFloats.parseLiteral(t.text());
    } catch (IllegalArgumentException e) {
      throw error(t.pos(), e.getMessage());
    }
  }

  private String unquote(Token t) {
    try {
      return Strings.unquote(t.text());
    } catch (IllegalArgumentException e) {
      throw error(t.pos(), e.getMessage());
    }
  }
}
