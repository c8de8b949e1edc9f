package org.swarmmon.collector.promql.parser;

import java.util.IdentityHashMap;
import java.util.List;
import org.swarmmon.collector.promql.parser.Expr.BinaryExpr;
import org.swarmmon.collector.promql.parser.Expr.VectorMatching;
import org.swarmmon.collector.promql.parser.Expr.VectorMatching.Cardinality;

/** The type checks of Prometheus's parser for binary expressions, aggregations and function calls. */
final class TypeChecks {

  private final String input;
  private final IdentityHashMap<Expr, Integer> positions;

  TypeChecks(String input, IdentityHashMap<Expr, Integer> positions) {
    this.input = input;
    this.positions = positions;
  }

  private int posOf(Expr e) {
    Integer p = positions.get(e);
    return p == null ? 0 : p;
  }

  private ParseException error(int pos, String msg) {
    return new ParseException(input, pos, msg);
  }

  Expr binary(Token opToken, BinaryOp op, Expr lhs, Expr rhs, VectorMatching vm, boolean returnBool,
      boolean hasMatching) {
    ValueType lt = lhs.type();
    ValueType rt = rhs.type();
    int pos = opToken.pos();
    if (returnBool && !op.isComparison()) {
      throw error(pos, "bool modifier can only be used on comparison operators");
    }
    if (op.isComparison() && !returnBool && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
      throw error(pos, "comparisons between scalars must use BOOL modifier");
    }
    if (vm.on()) {
      for (String l : vm.matchingLabels()) {
        if (vm.include().contains(l)) {
          throw error(pos, "label \"" + l + "\" must not occur in ON and GROUP clause at once");
        }
      }
    }
    if (lt != ValueType.SCALAR && lt != ValueType.VECTOR) {
      throw error(posOf(lhs), "binary expression must contain only scalar and instant vector types");
    }
    if (rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
      throw error(posOf(rhs), "binary expression must contain only scalar and instant vector types");
    }
    VectorMatching matching = vm;
    if (lt != ValueType.VECTOR || rt != ValueType.VECTOR) {
      if (!vm.matchingLabels().isEmpty() || hasMatching && vm.on()) {
        throw error(posOf(lhs), "vector matching only allowed between instant vectors");
      }
      matching = null;
    } else if (op.isSetOperator()) {
      if (vm.card() == Cardinality.ONE_TO_MANY || vm.card() == Cardinality.MANY_TO_ONE) {
        throw error(posOf(lhs), "no grouping allowed for \"" + op + "\" operation");
      }
      matching = new VectorMatching(Cardinality.MANY_TO_MANY, vm.matchingLabels(), vm.on(), vm.include());
    }
    if ((lt == ValueType.SCALAR || rt == ValueType.SCALAR) && op.isSetOperator()) {
      throw error(posOf(lhs), "set operator \"" + op + "\" not allowed in binary scalar expression");
    }
    return new BinaryExpr(op, lhs, rhs, matching, returnBool);
  }

  void aggregateArgs(Token opToken, Aggregator op, List<Expr> args) {
    int expected = op.hasParam() ? 2 : 1;
    if (args.size() != expected) {
      throw error(opToken.pos(), "wrong number of arguments for aggregate expression provided, expected "
          + expected + ", got " + args.size());
    }
    Expr e = args.get(args.size() - 1);
    if (e.type() != ValueType.VECTOR) {
      throw error(posOf(e), "expected type instant vector in aggregation expression, got "
          + e.type().documented());
    }
    Expr param = op.hasParam() ? args.get(0) : null;
    if (param != null && param.type() != op.paramType()) {
      throw error(posOf(param), "expected type " + op.paramType().documented() + " in aggregation parameter, got "
          + param.type().documented());
    }
  }

  void callArgs(Token name, Function f, List<Expr> args) {
    int nargs = f.argTypes().size();
    if (f.variadic() == 0) {
      if (nargs != args.size()) {
        throw error(name.pos(), "expected " + nargs + " argument(s) in call to \"" + f.name() + "\", got "
            + args.size());
      }
    } else {
      int na = nargs - 1;
      if (na > args.size()) {
        throw error(name.pos(), "expected at least " + na + " argument(s) in call to \"" + f.name() + "\", got "
            + args.size());
      } else if (f.variadic() > 0 && na + f.variadic() < args.size()) {
        throw error(name.pos(), "expected at most " + (na + f.variadic()) + " argument(s) in call to \""
            + f.name() + "\", got " + args.size());
      }
    }
    for (int i = 0; i < args.size(); i++) {
      int ti = i;
      if (i >= nargs) {
        if (f.variadic() == 0) {
          break;
        }
        ti = nargs - 1;
      }
      ValueType want = f.argTypes().get(ti);
      ValueType got = args.get(i).type();
      if (got != want) {
        throw error(posOf(args.get(i)), "expected type " + want.documented() + " in call to function \"" + f.name()
            + "\", got " + got.documented());
      }
    }
  }
}
