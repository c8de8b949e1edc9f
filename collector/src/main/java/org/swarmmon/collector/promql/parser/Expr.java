package org.swarmmon.collector.promql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.swarmmon.duration.PromDuration;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.MatchType;
import org.swarmmon.labels.Matcher;

/** A parsed PromQL expression. {@link #toString()} gives Prometheus's canonical form. */
public sealed interface Expr {

  ValueType type();

  /** An {@code @} modifier: a fixed timestamp (ms) or the query's start or end. */
  record At(Kind kind, long timestampMillis) {
    public enum Kind { TIMESTAMP, START, END }

    @Override
    public String toString() {
      return switch (kind) {
        case START -> " @ start()";
        case END -> " @ end()";
        case TIMESTAMP -> String.format(Locale.ROOT, " @ %.3f", timestampMillis / 1000.0);
      };
    }
  }

  record NumberLiteral(double value) implements Expr {
    public ValueType type() {
      return ValueType.SCALAR;
    }

    @Override
    public String toString() {
      return GoFloats.formatG(value);
    }
  }

  record StringLiteral(String value) implements Expr {
    public ValueType type() {
      return ValueType.STRING;
    }

    @Override
    public String toString() {
      return GoFloats.quote(value);
    }
  }

  /** {@code name{matchers} @ t offset d}; {@code offsetMillis} may be negative. */
  record VectorSelector(String name, List<Matcher> matchers, long offsetMillis, At at) implements Expr {
    public ValueType type() {
      return ValueType.VECTOR;
    }

    public VectorSelector withOffset(long offset) {
      return new VectorSelector(name, matchers, offset, at);
    }

    public VectorSelector withAt(At newAt) {
      return new VectorSelector(name, matchers, offsetMillis, newAt);
    }

    String selectorString() {
      List<String> parts = new ArrayList<>();
      for (Matcher m : matchers) {
        if (!name.isEmpty() && m.name().equals(Labels.METRIC_NAME) && m.type() == MatchType.EQUAL
            && m.value().equals(name)) {
          continue;
        }
        parts.add(m.toString());
      }
      java.util.Collections.sort(parts);
      return parts.isEmpty() ? name : name + "{" + String.join(",", parts) + "}";
    }

    @Override
    public String toString() {
      return selectorString() + modifiers(at, offsetMillis);
    }
  }

  record MatrixSelector(VectorSelector selector, long rangeMillis) implements Expr {
    public ValueType type() {
      return ValueType.MATRIX;
    }

    @Override
    public String toString() {
      return selector.selectorString() + "[" + PromDuration.format(rangeMillis) + "]"
          + modifiers(selector.at(), selector.offsetMillis());
    }
  }

  record SubqueryExpr(Expr expr, long rangeMillis, long stepMillis, long offsetMillis, At at) implements Expr {
    public ValueType type() {
      return ValueType.MATRIX;
    }

    @Override
    public String toString() {
      return expr + timeSuffix();
    }

    /** {@code [range:step] @ t offset d}: what follows the inner expression. */
    public String timeSuffix() {
      return "[" + PromDuration.format(rangeMillis) + ":"
          + (stepMillis == 0 ? "" : PromDuration.format(stepMillis)) + "]" + modifiers(at, offsetMillis);
    }
  }

  record Call(Function function, List<Expr> args) implements Expr {
    public ValueType type() {
      return function.returnType();
    }

    @Override
    public String toString() {
      return function.name() + "(" + args.stream().map(Object::toString).collect(Collectors.joining(", ")) + ")";
    }
  }

  record AggregateExpr(Aggregator op, Expr expr, Expr param, List<String> grouping, boolean without)
      implements Expr {
    public ValueType type() {
      return ValueType.VECTOR;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(opString());
      sb.append('(');
      if (param != null) {
        sb.append(param).append(", ");
      }
      return sb.append(expr).append(')').toString();
    }

    /** The operator with its grouping, e.g. {@code sum by (job) }. */
    public String opString() {
      if (without) {
        return op + " without (" + String.join(", ", grouping) + ") ";
      }
      return grouping.isEmpty() ? op.toString() : op + " by (" + String.join(", ", grouping) + ") ";
    }
  }

  /** How the two sides of a binary operation between vectors match. */
  record VectorMatching(Cardinality card, List<String> matchingLabels, boolean on, List<String> include) {
    public enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }
  }

  record BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, VectorMatching matching, boolean returnBool)
      implements Expr {
    public ValueType type() {
      return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
    }

    @Override
    public String toString() {
      return lhs + " " + operatorString() + " " + rhs;
    }

    /** The operator with {@code bool} and its vector matching, e.g. {@code / on (job) group_left ()}. */
    public String operatorString() {
      StringBuilder sb = new StringBuilder().append(op);
      if (returnBool) {
        sb.append(" bool");
      }
      VectorMatching vm = matching;
      if (vm != null && (!vm.matchingLabels().isEmpty() || vm.on()
          || vm.card() == VectorMatching.Cardinality.MANY_TO_ONE || vm.card() == VectorMatching.Cardinality.ONE_TO_MANY)) {
        sb.append(vm.on() ? " on (" : " ignoring (").append(String.join(", ", vm.matchingLabels())).append(')');
        if (vm.card() == VectorMatching.Cardinality.MANY_TO_ONE || vm.card() == VectorMatching.Cardinality.ONE_TO_MANY) {
          sb.append(vm.card() == VectorMatching.Cardinality.MANY_TO_ONE ? " group_left (" : " group_right (")
              .append(String.join(", ", vm.include())).append(')');
        }
      }
      return sb.toString();
    }
  }

  record ParenExpr(Expr expr) implements Expr {
    public ValueType type() {
      return expr.type();
    }

    @Override
    public String toString() {
      return "(" + expr + ")";
    }
  }

  record UnaryExpr(boolean negate, Expr expr) implements Expr {
    public ValueType type() {
      return expr.type();
    }

    @Override
    public String toString() {
      return (negate ? "-" : "+") + expr;
    }
  }

  private static String modifiers(At at, long offsetMillis) {
    String s = at == null ? "" : at.toString();
    if (offsetMillis > 0) {
      s += " offset " + PromDuration.format(offsetMillis);
    } else if (offsetMillis < 0) {
      s += " offset -" + PromDuration.format(-offsetMillis);
    }
    return s;
  }
}
