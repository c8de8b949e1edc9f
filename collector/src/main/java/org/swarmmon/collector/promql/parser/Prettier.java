package org.swarmmon.collector.promql.parser;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Prometheus 2.42's {@code expr.Pretty(0)} ({@code promql/parser/prettier.go}), what
 * {@code /api/v1/format_query} returns: a node whose canonical form is longer than the column
 * limit is split over lines, each child one level ("  ") deeper; a shorter node stays on one line.
 */
public final class Prettier {

  /** Prometheus's {@code maxCharactersPerLine}. */
  public static final int COLUMN_LIMIT = 100;

  private static final String INDENT = "  ";

  private final int columnLimit;

  Prettier(int columnLimit) {
    this.columnLimit = columnLimit;
  }

  /** The expression as Prometheus 2.42's {@code Prettify} writes it. */
  public static String pretty(Expr expr) {
    return new Prettier(COLUMN_LIMIT).format(expr);
  }

  String format(Expr expr) {
    return pretty(expr, 0);
  }

  private String pretty(Expr e, int level) {
    if (e instanceof Expr.AggregateExpr a) {
      return aggregate(a, level);
    }
    if (e instanceof Expr.BinaryExpr b) {
      return binary(b, level);
    }
    if (e instanceof Expr.Call c) {
      return call(c, level);
    }
    if (e instanceof Expr.ParenExpr p && needsSplit(p)) {
      return indent(level) + "(\n" + pretty(p.expr(), level + 1) + "\n" + indent(level) + ")";
    }
    if (e instanceof Expr.SubqueryExpr s) {
      // Prometheus returns a short subquery without its indent; kept for identical output.
      return needsSplit(s) ? pretty(s.expr(), level) + s.timeSuffix() : s.toString();
    }
    if (e instanceof Expr.UnaryExpr u) {
      return indent(level) + (u.negate() ? "-" : "+") + pretty(u.expr(), level).strip();
    }
    return indent(level) + e;
  }

  private String aggregate(Expr.AggregateExpr a, int level) {
    if (!needsSplit(a)) {
      return indent(level) + a;
    }
    StringBuilder s = new StringBuilder(indent(level)).append(a.opString()).append("(\n");
    if (a.param() != null) {
      s.append(pretty(a.param(), level + 1)).append(",\n");
    }
    return s.append(pretty(a.expr(), level + 1)).append('\n').append(indent(level)).append(')')
        .toString();
  }

  private String binary(Expr.BinaryExpr b, int level) {
    if (!needsSplit(b)) {
      return indent(level) + b;
    }
    return pretty(b.lhs(), level + 1) + "\n" + indent(level) + b.operatorString() + "\n"
        + pretty(b.rhs(), level + 1);
  }

  private String call(Expr.Call c, int level) {
    if (!needsSplit(c)) {
      return indent(level) + c;
    }
    List<Expr> args = c.args();
    StringBuilder s = new StringBuilder(indent(level)).append(c.function().name()).append("(\n");
    for (int i = 0; i < args.size(); i++) {
      s.append(pretty(args.get(i), level + 1)).append(i < args.size() - 1 ? ",\n" : "");
    }
    return s.append('\n').append(indent(level)).append(')').toString();
  }

  /** Go's {@code len(n.String())} counts UTF-8 bytes, not characters. */
  private boolean needsSplit(Expr e) {
    String s = e.toString();
    return s.length() > columnLimit
        || (s.length() * 3 > columnLimit && s.getBytes(StandardCharsets.UTF_8).length > columnLimit);
  }

  private static String indent(int level) {
    return INDENT.repeat(level);
  }
}
